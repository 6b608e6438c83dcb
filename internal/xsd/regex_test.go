package xsd

import (
	"bufio"
	"os"
	"strings"
	"sync"
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
		`a[]]b`, `a[^]b]c`, `[]`, `[^]`, `[a-f-[]]]+`,
	} {
		_, err := compilePattern(p)
		if err == nil {
			t.Errorf("pattern %q compiled, want an error", p)
			continue
		}
		// newPattern defers compiling but must refuse the same patterns
		// with the same message.
		if _, lazy := newPattern(p); lazy == nil || lazy.Error() != err.Error() {
			t.Errorf("pattern %q: newPattern error %v, want %v", p, lazy, err)
		}
	}
}

// TestFastPatternTable checks which matcher each listed pattern gets and
// that the fast matcher agrees with regexp on the samples and on every
// one-character deletion, doubling and substitution of them.
func TestFastPatternTable(t *testing.T) {
	data, err := os.ReadFile("testdata/regex/fast.txt")
	if err != nil {
		t.Fatal(err)
	}
	unescape := strings.NewReplacer(`\t`, "\t", `\n`, "\n", `\r`, "\r")
	const alphabet = "09afAFZT:.-+@/ \t\né=%"
	checks := 0
	for _, line := range strings.Split(string(data), "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		cols := strings.Split(line, "\t")
		kind, src := cols[0], cols[1]
		re, err := compilePattern(src)
		if err != nil {
			t.Fatalf("%s: %v", src, err)
		}
		f, fast := compileFast(src)
		if fast != (kind == "fast") {
			t.Errorf("%s: fast matcher %v, want %s", src, fast, kind)
			continue
		}
		if !fast {
			continue
		}
		check := func(in string) {
			checks++
			if got, want := f.match(in), re.MatchString(in); got != want {
				t.Errorf("%s on %q: fast %v, regexp %v", src, in, got, want)
			}
		}
		for _, sample := range cols[2:] {
			sample = unescape.Replace(sample)
			check(sample)
			for i := range len(sample) {
				check(sample[:i] + sample[i+1:])
				check(sample[:i+1] + sample[i:])
				for _, r := range alphabet {
					check(sample[:i] + string(r) + sample[i+1:])
				}
			}
		}
	}
	if checks < 10000 {
		t.Fatalf("only %d inputs checked", checks)
	}
}

// TestPatternLazyConcurrent matches a pattern that needs regexp from many
// goroutines at once, the first use compiling it; run with -race.
func TestPatternLazyConcurrent(t *testing.T) {
	p, err := newPattern(`(a|bc)*d`)
	if err != nil || p.fast != nil {
		t.Fatalf("want a regexp pattern: %v", err)
	}
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			in := strings.Repeat("bc", i) + "d"
			if !p.match(in) || p.match(in+"c") {
				t.Errorf("wrong verdict on %q", in)
			}
		}()
	}
	wg.Wait()
}
