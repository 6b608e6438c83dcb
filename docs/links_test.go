// Package docs_test holds the documentation to its links: every relative link in the
// project's Markdown files names a file that exists and, with a #fragment, a heading
// in it.
package docs_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode"
)

var (
	// [text](target) and [text]: target, outside code.
	inlineLink = regexp.MustCompile(`\]\(([^()\s]+)\)`)
	refLink    = regexp.MustCompile(`(?m)^\[[^\]]+\]:\s*(\S+)`)
	codeSpan   = regexp.MustCompile("`[^`\n]*`")
	heading    = regexp.MustCompile(`(?m)^#{1,6}\s+(.+?)\s*#*\s*$`)
	htmlAnchor = regexp.MustCompile(`<a\s+(?:name|id)="([^"]+)"`)
)

func TestRelativeLinksResolve(t *testing.T) {
	root := ".."
	var files []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == ".git" || d.Name() == "node_modules" || p != root && strings.HasPrefix(d.Name(), ".")) {
			return filepath.SkipDir
		}
		if !d.IsDir() && strings.HasSuffix(p, ".md") {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	anchors := map[string]map[string]bool{}
	var links int
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		text := withoutCode(string(data))
		var targets []string
		for _, m := range inlineLink.FindAllStringSubmatch(text, -1) {
			targets = append(targets, m[1])
		}
		for _, m := range refLink.FindAllStringSubmatch(text, -1) {
			targets = append(targets, m[1])
		}
		for _, target := range targets {
			if strings.Contains(target, "://") || strings.HasPrefix(target, "mailto:") {
				continue
			}
			links++
			path, frag, _ := strings.Cut(target, "#")
			dest := file
			if path != "" {
				dest = filepath.Join(filepath.Dir(file), filepath.FromSlash(path))
				if _, err := os.Stat(dest); err != nil {
					t.Errorf("%s: link %q: %s does not exist", file, target, dest)
					continue
				}
			}
			if frag == "" || !strings.HasSuffix(dest, ".md") {
				continue
			}
			if anchors[dest] == nil {
				anchors[dest] = headingAnchors(t, dest)
			}
			if !anchors[dest][frag] {
				t.Errorf("%s: link %q: %s has no heading #%s", file, target, dest, frag)
			}
		}
	}
	if links < 50 {
		t.Errorf("only %d relative links found in %d files", links, len(files))
	}
	t.Logf("%d relative links in %d Markdown files resolve", links, len(files))
}

// withoutCode blanks fenced code blocks and code spans, where brackets are not links.
func withoutCode(s string) string { return blankCode(s, true) }

// blankCode blanks fenced code blocks and, with spans, code spans.
func blankCode(s string, spans bool) string {
	var b strings.Builder
	fenced := false
	for _, line := range strings.SplitAfter(s, "\n") {
		if strings.HasPrefix(strings.TrimSpace(line), "```") {
			fenced = !fenced
			b.WriteString("\n")
			continue
		}
		if fenced {
			b.WriteString("\n")
			continue
		}
		if spans {
			line = codeSpan.ReplaceAllString(line, "``")
		}
		b.WriteString(line)
	}
	return b.String()
}

// headingAnchors returns the fragments GitHub gives the headings of a Markdown file:
// lower case, punctuation dropped, spaces as hyphens, -1, -2 … on repeats.
func headingAnchors(t *testing.T, file string) map[string]bool {
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	text := blankCode(string(data), false) // a code span in a heading is part of its anchor
	out := map[string]bool{}
	seen := map[string]int{}
	for _, m := range heading.FindAllStringSubmatch(text, -1) {
		a := slug(m[1])
		if n := seen[a]; n > 0 {
			out[a+"-"+itoa(n)] = true
		} else {
			out[a] = true
		}
		seen[a]++
	}
	for _, m := range htmlAnchor.FindAllStringSubmatch(string(data), -1) {
		out[m[1]] = true
	}
	return out
}

func slug(h string) string {
	h = strings.NewReplacer("`", "", "**", "", "*", "").Replace(h)
	// A heading that is a link keeps its text only.
	h = regexp.MustCompile(`\[([^\]]*)\]\([^)]*\)`).ReplaceAllString(h, "$1")
	var b strings.Builder
	for _, r := range strings.ToLower(h) {
		switch {
		case r == ' ':
			b.WriteByte('-')
		case r == '-' || r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(r)
		}
	}
	return b.String()
}

func itoa(n int) string {
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + itoa(n%10)
}
