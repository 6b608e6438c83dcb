package strictjson

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"
)

// FuzzCheck holds Check to encoding/json: whatever Check accepts,
// json.Valid accepts; whatever json.Valid accepts, Check accepts unless
// it is one of the documented extra refusals, each confirmed here by an
// independent test on the input.
func FuzzCheck(f *testing.F) {
	for _, dir := range []string{"accept", "refuse", "bench"} {
		files, _ := filepath.Glob(filepath.Join("testdata", dir, "*.json"))
		for _, file := range files {
			b, err := os.ReadFile(file)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(b)
		}
	}
	lim := Limits{MaxDepth: 16, MaxMembers: 8, MaxNumberDigits: 12, MaxValues: 40}
	f.Fuzz(func(t *testing.T, data []byte) {
		err := Check(data, lim)
		valid := json.Valid(data)
		if err == nil {
			if !valid {
				t.Fatalf("Check accepts what json.Valid refuses: %q", data)
			}
			if !utf8.Valid(data) {
				t.Fatalf("Check accepts invalid UTF-8: %q", data)
			}
			return
		}
		var e *Error
		if !errors.As(err, &e) {
			t.Fatalf("%T is not an *Error", err)
		}
		if e.Offset < 0 || e.Offset > int64(len(data)) {
			t.Fatalf("offset %d out of range", e.Offset)
		}
		if !valid {
			// Both refuse; Check may well stop earlier, at an extra rule.
			return
		}
		// json.Valid accepts: only the extra refusals may apply.
		switch {
		case errors.Is(err, ErrDuplicateKey):
			// UseNumber: a number beyond float64's range is valid JSON, and
			// json.Unmarshal into any would fail on it, not on the duplicate.
			d := json.NewDecoder(bytes.NewReader(data))
			d.UseNumber()
			var m any
			if d.Decode(&m) != nil {
				t.Fatalf("duplicate key claimed in something encoding/json cannot decode: %v", err)
			}
			if dup, _ := objectStats(data); !dup {
				t.Fatalf("no duplicate key, yet %v", err)
			}
		case errors.Is(err, ErrTooManyMembers):
			if _, widest := objectStats(data); widest <= lim.MaxMembers {
				t.Fatalf("widest object has %d members, within %d, yet %v", widest, lim.MaxMembers, err)
			}
		case errors.Is(err, ErrTooDeep):
			if depth(data) <= lim.MaxDepth {
				t.Fatalf("depth %d within %d, yet %v", depth(data), lim.MaxDepth, err)
			}
		case errors.Is(err, ErrInvalidUTF8):
			if utf8.Valid(data) {
				t.Fatalf("valid UTF-8, yet %v", err)
			}
		case errors.Is(err, ErrLoneSurrogate):
		case errors.Is(err, ErrTooManyValues):
			if n := valueCount(data); n <= lim.MaxValues {
				t.Fatalf("%d values, within %d, yet %v", n, lim.MaxValues, err)
			}
		case errors.Is(err, ErrNumberTooLong):
			if mantissa, exponent := longestNumber(data); mantissa <= lim.MaxNumberDigits && exponent <= MaxExponentDigits {
				t.Fatalf("longest number has %d digits and a %d-digit exponent, yet %v", mantissa, exponent, err)
			}
		default:
			t.Fatalf("json.Valid accepts, Check refuses: %v\n%q", err, data)
		}
	})
}

// objectStats re-reads data with encoding/json's tokenizer, an
// independent implementation, and reports whether some object repeats a
// member name and how many members the widest object has.
func objectStats(data []byte) (dup bool, widest int) {
	d := json.NewDecoder(bytes.NewReader(data))
	d.UseNumber() // numbers beyond float64's range are valid JSON too
	type obj struct {
		keys    map[string]bool
		members int
		wantKey bool
	}
	var stack []*obj
	for {
		tok, err := d.Token()
		if err != nil {
			return dup, widest
		}
		var top *obj
		if len(stack) > 0 {
			top = stack[len(stack)-1]
		}
		// A value inside an object is followed by a name.
		if top != nil && top.keys != nil && !top.wantKey {
			top.wantKey = true
			if v, ok := tok.(json.Delim); ok && (v == '{' || v == '[') {
				stack = append(stack, &obj{})
				if v == '{' {
					stack[len(stack)-1] = &obj{keys: map[string]bool{}, wantKey: true}
				}
			}
			continue
		}
		switch v := tok.(type) {
		case json.Delim:
			switch v {
			case '{':
				stack = append(stack, &obj{keys: map[string]bool{}, wantKey: true})
			case '[':
				stack = append(stack, &obj{})
			default:
				stack = stack[:len(stack)-1]
			}
		case string:
			if top != nil && top.keys != nil {
				if top.keys[v] {
					dup = true
				}
				top.keys[v] = true
				top.members++
				widest = max(widest, top.members)
				top.wantKey = false
			}
		}
	}
}

func depth(data []byte) int {
	d := json.NewDecoder(bytes.NewReader(data))
	d.UseNumber()
	n, deepest := 0, 0
	for {
		tok, err := d.Token()
		if err != nil {
			return deepest
		}
		if v, ok := tok.(json.Delim); ok {
			if v == '{' || v == '[' {
				n++
				deepest = max(deepest, n)
			} else {
				n--
			}
		}
	}
}

// valueCount counts the values in data with encoding/json's tokenizer: every token
// but closing brackets and member names.
func valueCount(data []byte) int {
	d := json.NewDecoder(bytes.NewReader(data))
	d.UseNumber()
	type open struct{ object, wantKey bool }
	var stack []open
	n := 0
	for {
		tok, err := d.Token()
		if err != nil {
			return n
		}
		if v, ok := tok.(json.Delim); ok && (v == '}' || v == ']') {
			stack = stack[:len(stack)-1]
			continue
		}
		if k := len(stack) - 1; k >= 0 && stack[k].object {
			if stack[k].wantKey {
				stack[k].wantKey = false
				continue // a member name
			}
			stack[k].wantKey = true
		}
		n++
		if v, ok := tok.(json.Delim); ok {
			stack = append(stack, open{object: v == '{', wantKey: v == '{'})
		}
	}
}
