package jws

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

func TestCheckJSON(t *testing.T) {
	for _, tc := range []struct {
		in string
		ok bool
	}{
		{`{}`, true},
		{` {"a":[1,-2,3.5e+10,0,-0,1E-7,true,false,null,"x"]} `, true},
		{`"\ud83d\ude00 \u00e9 \" \\ \/ \b \f \n \r \t"`, true},
		{`9007199254740991`, true},
		{`-9007199254740991`, true},
		{`9007199254740992`, false}, // 2^53: ambiguous, 2^53+1 reads as it
		{`-9007199254740992`, false},
		{`123456789012345678901234567890`, false},
		{`9007199254740993.0`, true}, // not an integer literal: JCS prints the double
		{`1e400`, false},
		{`{"a":1,"a":1}`, false},
		{`{"a":1,"\u0061":1}`, false},
		{`{"a":{"b":1},"b":{"b":1}}`, true}, // same name at different levels
		{`"\ud800"`, false},
		{`"\udc00\ud800"`, false},
		{`"\ud800\u0041"`, false},
		{`"\ud800x"`, false},
		{"\"\xff\"", false},
		{"\"\xed\xa0\x80\"", false}, // surrogate encoded in UTF-8
		{"\"a\x01\"", false},
		{`"\x"`, false},
		{`"\u12"`, false},
		{`{"a":1}{}`, false},
		{`{"a":1,}`, false},
		{`[1,]`, false},
		{`01`, false},
		{`1.`, false},
		{`.5`, false},
		{`+1`, false},
		{`-`, false},
		{`tru`, false},
		{`NaN`, false},
		{``, false},
		{`{"a" 1}`, false},
		{`{1:2}`, false},
		{strings.Repeat("[", 64) + strings.Repeat("]", 64), true},
		{strings.Repeat("[", 65) + strings.Repeat("]", 65), false},
	} {
		err := checkJSON([]byte(tc.in), Limits{})
		if (err == nil) != tc.ok {
			t.Errorf("checkJSON(%.40q) = %v, want ok=%v", tc.in, err, tc.ok)
		}
		if err != nil && !errors.Is(err, ErrInvalid) {
			t.Errorf("checkJSON(%.40q): error %v is not ErrInvalid", tc.in, err)
		}
		// Whatever the strict check accepts, encoding/json must too.
		if err == nil && !json.Valid([]byte(tc.in)) {
			t.Errorf("checkJSON accepted %.40q, which is not JSON", tc.in)
		}
	}
	if err := checkJSON([]byte(`[1,2]`), Limits{MaxBytes: 4}); err == nil {
		t.Error("size limit not applied")
	}
}
