//go:build unix

package conformance

import (
	"bytes"
	"context"
	"encoding/xml"
	"flag"
	"fmt"
	"image"
	"image/png"
	"io"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/jcx-dev/jcx/conformance/refimpl"
)

// These tests open the HTML report in a real browser (headless Chromium) rather than
// reading the template's output as text: what counts is what a reader sees, after the
// browser has parsed and possibly re-nested the markup.

var reportScreenshot = flag.String("report-screenshot", "", "also save the screenshot of the report with failures to this file (docs/report-screenshot.png)")

// browserTimeout bounds one Chromium run; a browser that hangs fails the test instead of
// stalling it.
const browserTimeout = 2 * time.Minute

func TestHTMLReportInBrowser(t *testing.T) {
	bin := chromium(t)
	runs := []struct {
		name   string
		faults []refimpl.Fault
	}{
		{"reference", nil},
		// Two faults, so that the report has both failed cases (replays accepted) and
		// cases without an answer (the implementation stops answering after hostile input).
		{"faulty", []refimpl.Fault{refimpl.AcceptReplays, refimpl.CrashOnHostile}},
	}
	for _, run := range runs {
		t.Run(run.name, func(t *testing.T) {
			t.Parallel()
			var srv *refimpl.Server
			if run.faults == nil {
				var err error
				if srv, err = refimpl.Default(); err != nil {
					t.Fatal(err)
				}
			} else {
				srv = refServer(t, run.faults...)
			}
			res := runCore(t, InProcess(srv))
			res.ToolVersion = "jcx (devel)" // as jcx conformance run sets it
			if run.faults != nil && (res.Conformant || res.Counts[Fail] == 0 || res.Counts[Error] == 0) {
				t.Fatalf("the faulty run should have failures and errors: %v", res.Counts)
			}

			dir := t.TempDir()
			report := filepath.Join(dir, "report.html")
			var b bytes.Buffer
			if err := WriteHTML(&b, res); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(report, b.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			checkNoRemote(t, b.String())

			dom, err := parseDOM(browse(t, bin, report, "--dump-dom"))
			if err != nil {
				t.Fatalf("the DOM Chromium dumped: %v", err)
			}
			checkDOM(t, dom, res)

			shot := filepath.Join(dir, "report.png")
			browse(t, bin, report, "--screenshot="+shot, "--window-size=1280,2000")
			checkScreenshot(t, shot, 1280, 2000, !res.Conformant)
			if run.faults != nil && *reportScreenshot != "" {
				if err := copyFile(shot, *reportScreenshot); err != nil {
					t.Fatal(err)
				}
			}
		})
	}
}

// chromium returns the browser to run, or skips the test when there is none (fails it on
// CI, where .ci/run installs Debian's chromium).
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatal("chromium is not installed, and CI is set: the HTML report must be checked in a browser (apt-get install chromium)")
	}
	t.Skip("chromium is not installed (apt-get install chromium): the HTML report is not checked in a browser")
	return ""
}

// browse runs headless Chromium on file with the extra flags and returns its standard
// output. The browser gets its own profile, no network features and a process group of
// its own, which is killed when the time is up and after a normal exit too, so that no
// helper process outlives the test.
func browse(t *testing.T, bin, file string, extra ...string) []byte {
	t.Helper()
	tmp := t.TempDir()
	args := append([]string{
		"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--user-data-dir=" + filepath.Join(tmp, "profile"),
	}, extra...)
	args = append(args, (&url.URL{Scheme: "file", Path: file}).String())

	// Files, not pipes: a leftover helper process holding a pipe open would keep Wait
	// waiting.
	stdout, err := os.Create(filepath.Join(tmp, "stdout"))
	if err != nil {
		t.Fatal(err)
	}
	defer stdout.Close()
	stderr, err := os.Create(filepath.Join(tmp, "stderr"))
	if err != nil {
		t.Fatal(err)
	}
	defer stderr.Close()

	ctx, cancel := context.WithTimeout(context.Background(), browserTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Env = append(os.Environ(), "HOME="+tmp)
	cmd.Stdout, cmd.Stderr = stdout, stderr
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	killGroup := func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	cmd.Cancel = killGroup
	cmd.WaitDelay = 10 * time.Second
	err = cmd.Run()
	if cmd.Process != nil {
		killGroup() // ESRCH when nothing is left, which is the usual case
	}
	errText, _ := os.ReadFile(stderr.Name())
	switch {
	case ctx.Err() != nil:
		t.Fatalf("chromium %s did not finish within %v\n%s", strings.Join(extra, " "), browserTimeout, tail(errText))
	case err != nil:
		t.Fatalf("chromium %s: %v\n%s", strings.Join(extra, " "), err, tail(errText))
	}
	out, err := os.ReadFile(stdout.Name())
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// tail is the end of a browser's diagnostics, which are long and mostly noise.
func tail(b []byte) []byte {
	if len(b) > 4000 {
		return b[len(b)-4000:]
	}
	return b
}

// remoteRefs match what would make a browser fetch something: an absolute or
// protocol-relative URL in a URL-carrying attribute or a CSS url(), an @import, a
// <script> with a source.
var remoteRefs = []*regexp.Regexp{
	regexp.MustCompile(`(?i)\b(?:src|href|srcset|action|formaction|poster|data|background|xlink:href)\s*=\s*["']?\s*(?:https?:)?//`),
	regexp.MustCompile(`(?i)url\(\s*["']?\s*(?:https?:)?//`),
	regexp.MustCompile(`(?i)@import`),
	regexp.MustCompile(`(?i)<script\b[^>]*\bsrc`),
	regexp.MustCompile(`(?i)<link\b`),
}

// checkNoRemote checks the file as written: the report must be readable offline, years
// later, and must not tell anyone when it is opened.
func checkNoRemote(t *testing.T, html string) {
	t.Helper()
	for _, re := range remoteRefs {
		if m := re.FindString(html); m != "" {
			t.Errorf("the report refers to a remote resource: %q (%s)", m, re)
		}
	}
}

// checkDOM checks the page as the browser built it against the result it reports.
func checkDOM(t *testing.T, dom *domNode, res *Result) {
	t.Helper()
	// No element may load anything, whatever the markup looked like.
	for _, n := range dom.all(func(*domNode) bool { return true }) {
		if n.tag == "script" || n.tag == "link" || n.tag == "iframe" || n.tag == "img" {
			t.Errorf("the page has a <%s> element", n.tag)
		}
		for k, v := range n.attr {
			if (k == "src" || k == "href" || k == "srcset" || k == "action") && !strings.HasPrefix(v, "#") {
				t.Errorf("<%s %s=%q> refers outside the page", n.tag, k, v)
			}
		}
	}
	for _, st := range dom.all(byTag("style")) {
		if s := st.text(); strings.Contains(s, "url(") || strings.Contains(s, "@import") {
			t.Errorf("the style sheet loads something: %q", s)
		}
	}

	titles := dom.all(byTag("title"))
	if len(titles) != 1 {
		t.Fatalf("%d <title> elements", len(titles))
	}
	title := titles[0].text()
	for _, want := range []string{"jcx conformance", res.Suite.ID, res.Suite.Version, res.Implementation.String()} {
		if !strings.Contains(title, want) {
			t.Errorf("title %q lacks %q", title, want)
		}
	}

	rows := map[string]*domNode{}
	for _, tr := range dom.all(byTag("tr")) {
		if th := tr.all(byTag("th")); len(th) == 1 {
			if td := tr.all(byTag("td")); len(td) == 1 {
				rows[th[0].text()] = td[0]
			}
		}
	}
	if s := rows["Suite"].text(); !strings.Contains(s, res.Suite.ID) || !strings.Contains(s, res.Suite.Digest) {
		t.Errorf("suite row %q lacks the suite id %s or digest %s", s, res.Suite.ID, res.Suite.Digest)
	}
	if s := rows["Tool"].text(); s != res.ToolVersion {
		t.Errorf("tool row %q, want %q", s, res.ToolVersion)
	}
	result := rows["Result"].text()
	if conformant := strings.Contains(result, "conformant") && !strings.Contains(result, "not conformant"); conformant != res.Conformant {
		t.Errorf("result row %q, but conformant is %v", result, res.Conformant)
	}
	// Every verdict count shown is the result's, and every non-zero count is shown.
	shown := map[Verdict]int{}
	for _, sp := range rows["Verdicts"].all(byClass("v")) {
		name, n, ok := strings.Cut(sp.text(), " ")
		count, err := strconv.Atoi(n)
		if !ok || err != nil {
			t.Errorf("verdict count %q is not 'verdict n'", sp.text())
			continue
		}
		if !sp.hasClass(name) {
			t.Errorf("verdict count %q is not styled as %s: class %q", sp.text(), name, sp.attr["class"])
		}
		shown[Verdict(name)] = count
	}
	for _, v := range Verdicts {
		if shown[v] != res.Counts[v] {
			t.Errorf("%s: the report shows %d, the result has %d", v, shown[v], res.Counts[v])
		}
	}

	// The overview: one row per requirement, linking to its section.
	if ov := dom.all(byClass("overview")); len(ov) != 1 {
		t.Errorf("%d requirement overviews", len(ov))
	} else {
		var rows []*domNode
		for _, tr := range ov[0].all(byTag("tr")) {
			if len(tr.all(byTag("td"))) > 0 {
				rows = append(rows, tr)
			}
		}
		if len(rows) != len(res.Requirements) {
			t.Errorf("the overview has %d rows, the result %d requirements", len(rows), len(res.Requirements))
		}
		for i := range min(len(rows), len(res.Requirements)) {
			rr, row := res.Requirements[i], rows[i]
			links := row.all(byTag("a"))
			if len(links) != 1 || links[0].text() != rr.ID || links[0].attr["href"] != "#"+rr.ID {
				t.Errorf("overview row %d does not link to %s: %q", i, rr.ID, row.text())
			}
			if v := firstVerdict(row); v != string(rr.Verdict) {
				t.Errorf("overview: %s shown as %q, want %s", rr.ID, v, rr.Verdict)
			}
		}
	}

	cases := map[string]CaseResult{}
	for _, c := range res.Cases {
		cases[c.Name()] = c
	}
	sections := dom.all(byClass("req"))
	if len(sections) != len(res.Requirements) {
		t.Fatalf("%d requirement sections, the result has %d requirements", len(sections), len(res.Requirements))
	}
	for i, rr := range res.Requirements {
		sec := sections[i]
		if sec.attr["id"] != rr.ID {
			t.Errorf("section %d is %q, want %s", i, sec.attr["id"], rr.ID)
			continue
		}
		if !strings.Contains(sec.text(), rr.ID) {
			t.Errorf("%s: the section does not show its id", rr.ID)
		}
		if v := firstVerdict(sec); v != string(rr.Verdict) {
			t.Errorf("%s: verdict shown %q, want %s", rr.ID, v, rr.Verdict)
		}
		details := sec.all(byTag("details"))
		if len(details) != len(rr.Cases) {
			t.Errorf("%s: %d cases shown, %d tested it", rr.ID, len(details), len(rr.Cases))
			continue
		}
		for j, name := range rr.Cases {
			checkCase(t, rr.ID, details[j], cases[name])
		}
	}
}

// checkCase checks one case under a requirement: its verdict, and for a case that failed,
// that it is shown open with every exchange of its transcript.
func checkCase(t *testing.T, req string, d *domNode, c CaseResult) {
	t.Helper()
	sums := d.all(byTag("summary"))
	if len(sums) != 1 {
		t.Errorf("%s: a case with %d summaries", req, len(sums))
		return
	}
	where := req + " " + c.Name()
	if !strings.Contains(sums[0].text(), c.Name()) {
		t.Errorf("%s: the summary %q does not name the case", where, sums[0].text())
	}
	if v := firstVerdict(sums[0]); v != string(c.Verdict) {
		t.Errorf("%s: verdict shown %q, want %s", where, v, c.Verdict)
	}
	if !c.Verdict.failed() {
		return
	}
	if _, open := d.attr["open"]; !open {
		t.Errorf("%s: %s, but its transcript is folded away", where, c.Verdict)
	}
	if c.Reason != "" && !strings.Contains(d.text(), c.Reason) {
		t.Errorf("%s: the reason %q is not shown", where, c.Reason)
	}
	if len(c.Transcript) == 0 {
		t.Errorf("%s: %s without a transcript", where, c.Verdict)
	}
	// The transcript is shown in order: each request, then its answer or why there was
	// none.
	var pres []string
	for _, p := range d.all(byTag("pre")) {
		pres = append(pres, p.text())
	}
	body := d.text()
	i := 0
	next := func(what string, step int, want string) {
		switch {
		case i >= len(pres):
			t.Errorf("%s: the %s of step %d is not shown", where, what, step)
		case pres[i] != asParsed(want):
			t.Errorf("%s: the %s of step %d is shown as\n%.200s\nwant\n%.200s", where, what, step, pres[i], asParsed(want))
		}
		i++
	}
	for _, ex := range c.Transcript {
		next("request", ex.Step, ex.Request)
		if ex.Error == "" {
			next("response", ex.Step, ex.Response)
		} else if !strings.Contains(body, ex.Error) {
			t.Errorf("%s: step %d had no answer, but %q is not shown", where, ex.Step, ex.Error)
		}
	}
	if i < len(pres) {
		t.Errorf("%s: %d transcript blocks shown, %d expected", where, len(pres), i)
	}
}

// firstVerdict is the text of the first verdict badge under n.
func firstVerdict(n *domNode) string {
	if b := n.all(byClass("v")); len(b) > 0 {
		if !b[0].hasClass(b[0].text()) {
			return "(badge " + b[0].text() + " styled as " + b[0].attr["class"] + ")"
		}
		return b[0].text()
	}
	return ""
}

// asParsed is text as the HTML parser reads it back from a <pre>: line ends normalised,
// a first newline dropped, NUL replaced.
func asParsed(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	s = strings.TrimPrefix(s, "\n")
	return xmlSafe(strings.ReplaceAll(s, "\x00", "\uFFFD"))
}

// checkScreenshot checks that the browser drew a page: the size asked for, more than one
// colour, and the report's own badge colours (so the inline style sheet was applied).
func checkScreenshot(t *testing.T, file string, w, h int, failed bool) {
	t.Helper()
	f, err := os.Open(file)
	if err != nil {
		t.Fatalf("no screenshot: %v", err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	if b := img.Bounds(); b.Dx() != w || b.Dy() != h {
		t.Errorf("screenshot is %dx%d, want %dx%d", b.Dx(), b.Dy(), w, h)
	}
	colours := map[[3]uint8]int{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			colours[rgb(img, x, y)]++
		}
	}
	var top int
	for _, n := range colours {
		top = max(top, n)
	}
	if len(colours) < 16 || top > b.Dx()*b.Dy()*99/100 {
		t.Errorf("screenshot is nearly blank: %d colours, the commonest covers %d of %d pixels", len(colours), top, b.Dx()*b.Dy())
	}
	// The badge backgrounds of report.html.tmpl: .pass #d7f5dd, .fail #fbd5d5.
	want := map[string][3]uint8{"pass": {0xd7, 0xf5, 0xdd}}
	if failed {
		want["fail"] = [3]uint8{0xfb, 0xd5, 0xd5}
	}
	for name, c := range want {
		if !hasColour(colours, c) {
			t.Errorf("screenshot has no %s badge colour %x: the style sheet was not applied", name, c)
		}
	}
}

func rgb(img image.Image, x, y int) [3]uint8 {
	r, g, b, _ := img.At(x, y).RGBA()
	return [3]uint8{uint8(r >> 8), uint8(g >> 8), uint8(b >> 8)}
}

// hasColour allows a step or two of difference for colour management.
func hasColour(colours map[[3]uint8]int, c [3]uint8) bool {
	near := func(a, b uint8) bool { return a-b <= 2 || b-a <= 2 }
	for k, n := range colours {
		if n >= 20 && near(k[0], c[0]) && near(k[1], c[1]) && near(k[2], c[2]) {
			return true
		}
	}
	return false
}

func copyFile(from, to string) error {
	b, err := os.ReadFile(from)
	if err != nil {
		return err
	}
	return os.WriteFile(to, b, 0o644)
}

// domNode is an element or a text node of the page Chromium dumped.
type domNode struct {
	tag  string // "" for text
	attr map[string]string
	data string // text
	kids []*domNode
}

// parseDOM reads the serialised DOM with encoding/xml in its HTML mode (void elements
// closed automatically, HTML entities known). Chromium's serialisation is regular enough
// for that: every attribute quoted, every non-void element closed.
func parseDOM(b []byte) (*domNode, error) {
	d := xml.NewDecoder(strings.NewReader(xmlSafe(string(b))))
	d.Strict = false
	d.AutoClose = xml.HTMLAutoClose
	d.Entity = xml.HTMLEntity
	root := &domNode{tag: "#document"}
	stack := []*domNode{root}
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		top := stack[len(stack)-1]
		switch tok := tok.(type) {
		case xml.StartElement:
			n := &domNode{tag: strings.ToLower(tok.Name.Local), attr: map[string]string{}}
			for _, a := range tok.Attr {
				k := a.Name.Local
				if a.Name.Space != "" {
					k = a.Name.Space + ":" + k
				}
				n.attr[strings.ToLower(k)] = a.Value
			}
			top.kids = append(top.kids, n)
			stack = append(stack, n)
		case xml.EndElement:
			if len(stack) == 1 {
				return nil, fmt.Errorf("</%s> closes nothing", tok.Name.Local)
			}
			stack = stack[:len(stack)-1]
		case xml.CharData:
			top.kids = append(top.kids, &domNode{data: string(tok)})
		}
	}
	if len(stack) != 1 {
		return nil, fmt.Errorf("<%s> is not closed", stack[len(stack)-1].tag)
	}
	return root, nil
}

// xmlSafe replaces the characters encoding/xml refuses even in its lenient mode (C0
// controls other than tab and line ends) as a browser would show them: as U+FFFD.
func xmlSafe(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r == 0xFFFE || r == 0xFFFF {
			return '\uFFFD'
		}
		return r
	}, s)
}

// all returns the elements under n (n excluded) that match, in document order.
func (n *domNode) all(match func(*domNode) bool) []*domNode {
	var out []*domNode
	var walk func(*domNode)
	walk = func(m *domNode) {
		for _, k := range m.kids {
			if k.tag != "" && match(k) {
				out = append(out, k)
			}
			walk(k)
		}
	}
	if n != nil {
		walk(n)
	}
	return out
}

// text is the text content of n, as DOM textContent.
func (n *domNode) text() string {
	if n == nil {
		return ""
	}
	if n.tag == "" {
		return n.data
	}
	var b strings.Builder
	for _, k := range n.kids {
		b.WriteString(k.text())
	}
	return b.String()
}

func (n *domNode) hasClass(c string) bool {
	for _, f := range strings.Fields(n.attr["class"]) {
		if f == c {
			return true
		}
	}
	return false
}

func byTag(tag string) func(*domNode) bool { return func(n *domNode) bool { return n.tag == tag } }

func byClass(c string) func(*domNode) bool { return func(n *domNode) bool { return n.hasClass(c) } }
