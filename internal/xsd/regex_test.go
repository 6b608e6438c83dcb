package xsd

import (
	"bufio"
	"os"
	"strings"
	"testing"
)

func TestPatternTable(t *testing.T) {
	f, err := os.Open("testdata/regex/cases.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	n, fast := 0, 0
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		cols := strings.Split(line, "\t")
		if len(cols) != 3 {
			t.Fatalf("bad line %q", line)
		}
		input := strings.ReplaceAll(cols[1], `\n`, "\n")
		if cols[0] == `\\` || cols[0] == `\.` {
			input = cols[1]
		}
		re, err := compilePattern(cols[0])
		if err != nil {
			t.Errorf("%s: %v", cols[0], err)
			continue
		}
		if got, want := re.MatchString(input), cols[2] == "y"; got != want {
			t.Errorf("pattern %s on %q: match=%v, want %v (Go: %s)", cols[0], input, got, want, re)
		}
		if f, ok := compileFast(cols[0]); ok {
			fast++
			if got, want := f.match(input), cols[2] == "y"; got != want {
				t.Errorf("fast pattern %s on %q: match=%v, want %v", cols[0], input, got, want)
			}
		}
		n++
	}
	if n < 50 || fast < 20 {
		t.Fatalf("only %d cases, %d with the fast matcher", n, fast)
	}
}

func TestPatternRefused(t *testing.T) {
	for _, p := range []string{
		`[a-`, `(ab`, `ab)`, `a{2,1}`, `a{x}`, `\q`, `\$`, `\p{IsKlingon}`, `\p{Xx}`,
		`[z-a]`, `*a`, `a**`, `[a-z-[b]c]`, `[[a]]`, `\`, `a{2000}`, `\p{L`, `+`,
	} {
		if _, err := compilePattern(p); err == nil {
			t.Errorf("pattern %q compiled, want an error", p)
		}
	}
}
