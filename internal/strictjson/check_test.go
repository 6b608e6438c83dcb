package strictjson

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRefuse(t *testing.T) {
	tests := []struct {
		file    string
		want    error
		pointer string
	}{
		{"duplicate-top.json", ErrDuplicateKey, "/a"},
		{"duplicate-deep.json", ErrDuplicateKey, "/Payload/Request/0/x"},
		{"duplicate-escaped.json", ErrDuplicateKey, "/Payload/a"},
		{"duplicate-escaped-both.json", ErrDuplicateKey, "/é"},
		{"duplicate-utf8-vs-escape.json", ErrDuplicateKey, "/é"},
		{"duplicate-pointer-escape.json", ErrDuplicateKey, "/a~1b/m~0n"},
		{"duplicate-many-keys.json", ErrDuplicateKey, "/k57"},
		{"duplicate-many-escaped.json", ErrDuplicateKey, "/k57"},
		{"lone-high-surrogate.json", ErrLoneSurrogate, "/a"},
		{"lone-high-surrogate-end.json", ErrLoneSurrogate, "/0"},
		{"high-then-high.json", ErrLoneSurrogate, "/0"},
		{"high-then-char.json", ErrLoneSurrogate, "/0"},
		{"lone-low-surrogate.json", ErrLoneSurrogate, "/0"},
		{"lone-surrogate-key.json", ErrLoneSurrogate, ""},
		{"invalid-utf8.json", ErrInvalidUTF8, "/a"},
		{"invalid-utf8-key.json", ErrInvalidUTF8, ""},
		{"utf8-surrogate-encoded.json", ErrInvalidUTF8, "/0"},
		{"utf8-overlong.json", ErrInvalidUTF8, "/0"},
		{"utf8-truncated.json", ErrInvalidUTF8, "/0"},
		{"control-char.json", ErrSyntax, "/0"},
		{"control-nul.json", ErrSyntax, "/0"},
		{"trailing-value.json", ErrTrailingData, ""},
		{"trailing-garbage.json", ErrTrailingData, ""},
		{"trailing-comma-array.json", ErrSyntax, "/2"},
		{"trailing-comma-object.json", ErrSyntax, ""},
		{"leading-zero.json", ErrSyntax, "/0"},
		{"number-dot.json", ErrSyntax, "/0"},
		{"number-exp.json", ErrSyntax, "/0"},
		{"number-plus.json", ErrSyntax, "/0"},
		{"number-hex.json", ErrSyntax, "/0"},
		{"nan.json", ErrSyntax, "/0"},
		{"single-quotes.json", ErrSyntax, ""},
		{"comment.json", ErrSyntax, "/a"},
		{"bom.json", ErrSyntax, ""},
		{"empty.json", ErrSyntax, ""},
		{"whitespace-only.json", ErrSyntax, ""},
		{"unclosed-object.json", ErrSyntax, "/a"},
		{"unclosed-string.json", ErrSyntax, "/0"},
		{"bad-escape.json", ErrSyntax, "/0"},
		{"bad-unicode-escape.json", ErrSyntax, "/0"},
		{"key-not-string.json", ErrSyntax, ""},
		{"missing-colon.json", ErrSyntax, "/a"},
		{"true-typo.json", ErrSyntax, "/0"},
		{"number-long-integer.json", ErrNumberTooLong, "/0"},
		{"number-long-fraction.json", ErrNumberTooLong, "/a/0"},
		{"number-long-exponent.json", ErrNumberTooLong, "/0"},
	}
	seen := map[string]bool{}
	for _, tt := range tests {
		seen[tt.file] = true
		t.Run(tt.file, func(t *testing.T) {
			t.Parallel()
			data := readFile(t, filepath.Join("testdata", "refuse", tt.file))
			err := Check(data, Limits{})
			if !errors.Is(err, tt.want) {
				t.Fatalf("got %v, want %v", err, tt.want)
			}
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("%T is not an *Error", err)
			}
			if e.Pointer != tt.pointer {
				t.Errorf("pointer %q, want %q (%v)", e.Pointer, tt.pointer, err)
			}
			if e.Code() != codeOf(tt.want) || e.Offset < 0 || e.Offset > int64(len(data)) || e.Line < 1 || e.Column < 1 {
				t.Errorf("bad error fields: %+v", e)
			}
			if strings.Contains(err.Error(), "%!") {
				t.Errorf("bad message: %v", err)
			}
			t.Log(err)
		})
	}
	files, _ := filepath.Glob(filepath.Join("testdata", "refuse", "*.json"))
	for _, f := range files {
		if !seen[filepath.Base(f)] {
			t.Errorf("%s has no expectation in the table", f)
		}
	}
}

func TestAccept(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("testdata", "accept", "*.json"))
	if len(files) == 0 {
		t.Fatal("no accept cases")
	}
	for _, file := range files {
		data := readFile(t, file)
		if err := Check(data, Limits{}); err != nil {
			t.Errorf("%s: %v", file, err)
		}
		if !json.Valid(data) {
			t.Errorf("%s: encoding/json disagrees: the test case is wrong", file)
		}
	}
}

func TestErrorPosition(t *testing.T) {
	err := Check([]byte("{\n  \"a\": 1,\n  \"a\": 2\n}"), Limits{})
	var e *Error
	if !errors.As(err, &e) {
		t.Fatal(err)
	}
	if e.Offset != 14 || e.Line != 3 || e.Column != 3 || e.Pointer != "/a" {
		t.Errorf("got offset %d line %d column %d pointer %q", e.Offset, e.Line, e.Column, e.Pointer)
	}
	want := `duplicate object member name: encoding/json would silently keep the last one, so a message must not repeat a name (at /a, line 3, column 3)`
	if err.Error() != want {
		t.Errorf("got  %s\nwant %s", err, want)
	}
}

func TestDepth(t *testing.T) {
	nest := func(n int) []byte {
		return []byte(strings.Repeat(`{"a":[`, n) + "1" + strings.Repeat("]}", n))
	}
	if err := Check(nest(5), Limits{MaxDepth: 10}); err != nil {
		t.Errorf("depth 10: %v", err)
	}
	err := Check(nest(6), Limits{MaxDepth: 10})
	var e *Error
	if !errors.Is(err, ErrTooDeep) || !errors.As(err, &e) || e.Pointer != "/a/0/a/0/a/0/a/0/a/0" {
		t.Errorf("depth 11: %v", err)
	}
	// Deep nesting is refused at the limit, not after reading it all.
	deep := []byte(strings.Repeat("[", 200_000))
	if err := Check(deep, Limits{}); !errors.Is(err, ErrTooDeep) {
		t.Errorf("200,000 deep: %v", err)
	}
	allocs := testing.AllocsPerRun(10, func() { _ = Check(deep, Limits{}) })
	if allocs > 12 {
		t.Errorf("refusing deep nesting allocated %v times", allocs)
	}
}

func TestMembers(t *testing.T) {
	obj := func(n int) []byte {
		var b strings.Builder
		b.WriteString(`[{"a":{`)
		for i := range n {
			if i > 0 {
				b.WriteString(",")
			}
			fmt.Fprintf(&b, `"k%d":0`, i)
		}
		b.WriteString("}}]")
		return []byte(b.String())
	}
	for _, max := range []int{3, 20, 10_000} {
		lim := Limits{MaxMembers: max}
		if max == 10_000 {
			lim = Limits{}
		}
		if err := Check(obj(max), lim); err != nil {
			t.Errorf("%d members, limit %d: %v", max, max, err)
		}
		err := Check(obj(max+1), lim)
		var e *Error
		if !errors.Is(err, ErrTooManyMembers) || !errors.As(err, &e) || e.Pointer != fmt.Sprintf("/0/a/k%d", max) {
			t.Errorf("%d members, limit %d: %v", max+1, max, err)
		}
	}
}

func TestSize(t *testing.T) {
	doc := []byte(`["` + strings.Repeat("x", 96) + `"]`) // 100 bytes
	if err := Check(doc, Limits{MaxBytes: 100}); err != nil {
		t.Errorf("at the limit: %v", err)
	}
	err := Check(doc, Limits{MaxBytes: 99})
	var e *Error
	if !errors.Is(err, ErrTooLarge) || !errors.As(err, &e) || e.Code() != CodeTooLarge {
		t.Errorf("over the limit: %v", err)
	}
}

func TestSafeIntegers(t *testing.T) {
	tests := []struct {
		doc  string
		want error
	}{
		{"9007199254740992", nil},
		{"-9007199254740992", nil},
		{"9007199254740993", ErrUnsafeNumber},
		{"-9007199254740993", ErrUnsafeNumber},
		{"12345678901234567890", ErrUnsafeNumber},
		{"0", nil},
		{"-0", nil},
		{"[1,2,{\"a\":3}]", nil},
		{"1.0", ErrUnsafeNumber},
		{"1e2", ErrUnsafeNumber},
		{"[0.5]", ErrUnsafeNumber},
	}
	for _, tt := range tests {
		if err := Check([]byte(tt.doc), Limits{RequireSafeIntegers: true}); !errors.Is(err, tt.want) {
			t.Errorf("%s: got %v, want %v", tt.doc, err, tt.want)
		}
		if err := Check([]byte(tt.doc), Limits{}); err != nil {
			t.Errorf("%s without RequireSafeIntegers: %v", tt.doc, err)
		}
	}
}

func TestNoAllocations(t *testing.T) {
	data := readFile(t, filepath.Join("testdata", "bench", "message.json"))
	allocs := testing.AllocsPerRun(20, func() {
		if err := Check(data, Limits{RequireSafeIntegers: true}); err != nil {
			t.Fatal(err)
		}
	})
	// The checker itself may escape; nothing per token.
	if allocs > 1 {
		t.Errorf("%v allocations per Check of a %d-byte message", allocs, len(data))
	}
}

func readFile(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestHashCollisions forces every member name of large objects to the
// same hash, so that the exact set alone tells names apart.
func TestHashCollisions(t *testing.T) {
	saved := nameHash
	defer func() { nameHash = saved }()
	for name, hash := range map[string]func([]byte) uint64{
		"all collide": func([]byte) uint64 { return 1 },
		"by length":   func(b []byte) uint64 { return uint64(len(b)) },
		"real":        saved,
	} {
		nameHash = hash
		obj := func(extra string) []byte {
			var b strings.Builder
			b.WriteString(`{"o":{`)
			for i := range 40 {
				fmt.Fprintf(&b, `"k%d":%d,`, i, i)
			}
			b.WriteString(extra + `}}`)
			return []byte(b.String())
		}
		for _, dup := range []string{`"k3":0`, `"k39":0`, `"\u006b17":0`} {
			err := Check(obj(dup), Limits{})
			var e *Error
			if !errors.Is(err, ErrDuplicateKey) || !errors.As(err, &e) || e.Pointer != "/o/"+strings.Trim(strings.Split(strings.ReplaceAll(dup, `\u006b`, "k"), ":")[0], `"`) {
				t.Errorf("%s: %s: got %v", name, dup, err)
			}
		}
		if err := Check(obj(`"k40":0,"k41":{"k0":1}`), Limits{}); err != nil {
			t.Errorf("%s: distinct names refused: %v", name, err)
		}
	}
}

func TestMaxValues(t *testing.T) {
	tests := []struct {
		data    string
		max     int
		pointer string
	}{
		{`[1,2,3]`, 4, ""},
		{`[1,2,3]`, 3, "/2"},
		{`{"a":{"b":[true,null]},"c":"d"}`, 5, "/c"},
		{`{"a":{"b":[true,null]},"c":"d"}`, 6, ""},
	}
	for _, tt := range tests {
		err := Check([]byte(tt.data), Limits{MaxValues: tt.max})
		if tt.pointer == "" {
			if err != nil {
				t.Errorf("%s with %d values allowed: %v", tt.data, tt.max, err)
			}
			if n := valueCount([]byte(tt.data)); n != tt.max {
				t.Errorf("%s: the tokenizer counts %d values, want %d", tt.data, n, tt.max)
			}
			continue
		}
		var e *Error
		if !errors.As(err, &e) || !errors.Is(err, ErrTooManyValues) || e.Pointer != tt.pointer || e.Code() != CodeTooLarge {
			t.Errorf("%s with %d values allowed: got %v, want ErrTooManyValues at %s", tt.data, tt.max, err, tt.pointer)
		}
	}
}
