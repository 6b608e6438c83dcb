package conformance

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// The harness's own mutants: implementations with the defects the harness exists to
// catch, each run against the shipped suite. A mutant is caught when the run is not
// conformant and the verdicts say why; none may make the run hang or end "unreachable".
// The reference implementation's fault switches (TestFaultsAreCaught) cover the message
// semantics; these cover what an implementation does to the harness itself.

// bombAnswers answers every request, in turn, with one of the answers that are cheap to
// send and costly to check: a very wide array, a number of millions of digits, very many
// sibling elements, a text of millions of digits, each just under the size the harness
// accepts.
type bombAnswers struct{ n atomic.Int64 }

func (b *bombAnswers) Exchange(ctx context.Context, body []byte, ct string) ([]byte, string) {
	enc, _ := encodingOf(ct)
	size := maxAnswer - 1024
	head := `{"Header":{"Sender":{"CountryCode":"LU","UniqueIdentifier":"jcx-reference"}},"Payload":{"Response":{"Error":[`
	xhead := `<Message xmlns="https://jcx.dev/ns/core/2026-11"><Header><Sender><CountryCode>LU</CountryCode><UniqueIdentifier>jcx-reference</UniqueIdentifier></Sender></Header><Payload><Response>`
	switch b.n.Add(1) % 2 {
	case 0:
		if enc == JSON {
			return []byte(head + strings.Repeat("1,", size/2) + "1]}}}"), ct
		}
		return []byte(xhead + strings.Repeat("<Error/>", size/8) + "</Response></Payload></Message>"), ct
	default:
		if enc == JSON {
			return []byte(head + "1" + strings.Repeat("0", size) + "]}}}"), ct
		}
		return []byte(xhead + "<Error><Code>1" + strings.Repeat("0", size) + "</Code></Error></Response></Payload></Message>"), ct
	}
}

func TestMutantBombAnswersEndOnTime(t *testing.T) {
	if testing.Short() || raceDetector {
		t.Skip("a timing bound, measured without the race detector; runs the whole suite against bombs")
	}
	const timeout = 2 * time.Second
	start := time.Now()
	res, err := Run(context.Background(), Config{Target: InProcess(&bombAnswers{}), Timeout: timeout})
	if err != nil {
		t.Fatal(err)
	}
	took := time.Since(start)
	if bound := time.Duration(len(res.Cases)+1)*timeout + 10*time.Second; took > bound {
		t.Errorf("the run took %v, more than cases × timeout + 10 s = %v", took, bound)
	}
	slowest := time.Duration(0)
	for _, c := range res.Cases {
		if c.Kind == KindLog && c.Verdict == SkippedUnsupported {
			continue // no log declared: these mutants attack the exchange (log_test.go, the log)
		}
		if c.Verdict != Fail && c.Verdict != Timeout {
			t.Errorf("%s: %s (%s), want fail or timeout", c.Name(), c.Verdict, c.Reason)
		}
		slowest = max(slowest, c.Duration)
	}
	// A case may overrun its limit only by the time it takes to notice.
	if slowest > timeout+time.Second {
		t.Errorf("the slowest case took %v under a %v limit", slowest, timeout)
	}
	if res.Conformant {
		t.Error("conformant")
	}
	t.Logf("%d case runs against bomb answers in %v (slowest %v): %v", len(res.Cases), took, slowest, res.Counts)
}

// Transport mutants accept the connection and then fail: they earn verdicts and are not
// conformant; they are never "unreachable".
func TestMutantTransportsEarnVerdicts(t *testing.T) {
	release := make(chan struct{})
	defer close(release)
	tests := []struct {
		name    string
		handler http.HandlerFunc
		verdict Verdict
		reason  string
	}{
		{"HTTP 500", func(w http.ResponseWriter, r *http.Request) {
			http.Error(w, "internal error", http.StatusInternalServerError)
		}, Error, "HTTP status 500"},
		{"close without answer", func(w http.ResponseWriter, r *http.Request) {
			if c, _, err := http.NewResponseController(w).Hijack(); err == nil {
				c.Close()
			}
		}, Error, "no answer from the implementation"},
		{"hang", func(w http.ResponseWriter, r *http.Request) {
			io.Copy(io.Discard, r.Body) // so that the server notices when the client gives up
			select {
			case <-release:
			case <-r.Context().Done():
			}
		}, Timeout, "time limit"},
		{"answer dribbled byte by byte", func(w http.ResponseWriter, r *http.Request) {
			io.Copy(io.Discard, r.Body)
			w.Header().Set("Content-Type", r.Header.Get("Content-Type"))
			rc := http.NewResponseController(w)
			for range 1000 {
				select {
				case <-release:
					return
				case <-r.Context().Done():
					return
				case <-time.After(50 * time.Millisecond):
				}
				w.Write([]byte(" "))
				rc.Flush()
			}
		}, Timeout, "time limit"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := httptest.NewServer(tt.handler)
			defer srv.Close()
			defer srv.CloseClientConnections()
			timeout := 2 * time.Second
			if raceDetector {
				timeout = 10 * time.Second
			}
			start := time.Now()
			res, err := Run(context.Background(), Config{Target: HTTP(srv.URL, HTTPOptions{}), Timeout: timeout, Run: regexp.MustCompile("JCX-C-000[12]")})
			if err != nil {
				t.Fatalf("the run did not start: %v", err)
			}
			ran := 0
			for _, c := range res.Cases {
				if c.Verdict == SkippedByChoice || (c.Kind == KindLog && c.Verdict == SkippedUnsupported) {
					continue
				}
				ran++
				if c.Verdict != tt.verdict || !strings.Contains(c.Reason, tt.reason) {
					t.Errorf("%s: %s (%s), want %s with %q", c.Name(), c.Verdict, c.Reason, tt.verdict, tt.reason)
				}
			}
			if ran == 0 || res.Conformant || res.Inconclusive != "" {
				t.Errorf("%d cases ran, conformant %v, inconclusive %q", ran, res.Conformant, res.Inconclusive)
			}
			if len(res.Notes) == 0 {
				t.Error("the summary does not say what the probe got")
			}
			if d, bound := time.Since(start), time.Duration(ran+1)*timeout+5*time.Second; d > bound {
				t.Errorf("took %v, bound %v", d, bound)
			}
		})
	}
}

// entityResolver is a receiver that lets a DOCTYPE through and resolves it before its own,
// otherwise correct, processing: the defect of an XML stack with entity substitution and
// network access switched on. With fetch it also follows external entities, external
// DTDs, XInclude references and schema locations; without, it only expands internal
// entities.
type entityResolver struct {
	next  Exchanger
	fetch bool
}

var (
	entityDecl   = regexp.MustCompile(`<!ENTITY\s+(\w+)\s+"([^"]*)"\s*>`)
	externalDecl = regexp.MustCompile(`<!ENTITY\s+(\w+)\s+SYSTEM\s+"([^"]*)"\s*>`)
	doctype      = regexp.MustCompile(`(?s)<!DOCTYPE\s+\w+(\s+SYSTEM\s+"([^"]*)")?\s*(\[.*?\])?\s*>`)
	xinclude     = regexp.MustCompile(`<xi:include\s+href="([^"]*)"[^>]*/>`)
	schemaLoc    = regexp.MustCompile(`schemaLocation="\S+\s+([^"]*)"`)
)

func (x entityResolver) Exchange(ctx context.Context, body []byte, ct string) ([]byte, string) {
	if enc, _ := encodingOf(ct); enc == XML {
		body = x.resolve(ctx, body)
	}
	return x.next.Exchange(ctx, body, ct)
}

func (x entityResolver) resolve(ctx context.Context, body []byte) []byte {
	get := func(u string) string {
		if !x.fetch {
			return ""
		}
		if p, ok := strings.CutPrefix(u, "file://"); ok {
			b, _ := os.ReadFile(p)
			return string(b)
		}
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			return ""
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
		return string(b)
	}
	s := string(body)
	entities := map[string]string{}
	if m := doctype.FindStringSubmatch(s); m != nil {
		if m[2] != "" {
			get(m[2])
		}
		for _, d := range entityDecl.FindAllStringSubmatch(m[3], -1) {
			entities[d[1]] = d[2]
		}
		for _, d := range externalDecl.FindAllStringSubmatch(m[3], -1) {
			entities[d[1]] = get(d[2])
		}
		s = strings.Replace(s, m[0], "", 1)
	}
	for range 4 { // entities may refer to entities
		for name, v := range entities {
			s = strings.ReplaceAll(s, "&"+name+";", v)
		}
	}
	s = xinclude.ReplaceAllStringFunc(s, func(inc string) string { return get(xinclude.FindStringSubmatch(inc)[1]) })
	if m := schemaLoc.FindStringSubmatch(s); m != nil {
		get(m[1])
	}
	return []byte(s)
}

// reserialiser is a receiver that decodes a message and encodes it again before its own,
// otherwise correct, processing, so its receipt is over a re-serialisation instead of
// the bytes received. Its signature checks still pass: the layout it changes is outside
// the signed canonical form.
type reserialiser struct{ next Exchanger }

func (r reserialiser) Exchange(ctx context.Context, body []byte, ct string) ([]byte, string) {
	enc, _ := encodingOf(ct)
	var again []byte
	var err error
	if enc == JSON {
		again, err = reencodeJSON(body)
	} else {
		again, err = reencodeXML(body)
	}
	if err != nil {
		again = body // what it cannot decode it passes on as received
	}
	return r.next.Exchange(ctx, again, ct)
}

func reencodeJSON(b []byte) ([]byte, error) {
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	var v any
	if err := d.Decode(&v); err != nil {
		return nil, err
	}
	return json.Marshal(v)
}

func reencodeXML(b []byte) ([]byte, error) {
	d := xml.NewDecoder(bytes.NewReader(bytes.TrimPrefix(b, []byte("\ufeff"))))
	var out bytes.Buffer
	name := func(n xml.Name) string {
		if n.Space != "" {
			return n.Space + ":" + n.Local
		}
		return n.Local
	}
	for {
		tok, err := d.RawToken()
		if err == io.EOF {
			return out.Bytes(), nil
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.ProcInst:
			fmt.Fprintf(&out, "<?%s %s?>\n", t.Target, t.Inst)
		case xml.StartElement:
			out.WriteString("<" + name(t.Name))
			for _, a := range t.Attr {
				out.WriteString(" " + name(a.Name) + `="`)
				xml.EscapeText(&out, []byte(a.Value))
				out.WriteString(`"`)
			}
			out.WriteString(">")
		case xml.EndElement:
			out.WriteString("</" + name(t.Name) + ">")
		case xml.CharData:
			xml.EscapeText(&out, t)
		case xml.Comment:
			fmt.Fprintf(&out, "<!--%s-->", t)
		case xml.Directive:
			fmt.Fprintf(&out, "<!%s>", t)
		}
	}
}

func TestMutantsLeakingHostileContentAreCaught(t *testing.T) {
	tests := []struct {
		name   string
		target Exchanger
		cases  map[string]string // case run → what its reason must say
	}{
		{"entity expansion", entityResolver{next: refServer(t)}, map[string]string{
			"JCX-C-0079/xml": "replacement text of an internal entity",
		}},
		{"fetching external resources", entityResolver{next: refServer(t), fetch: true}, map[string]string{
			"JCX-C-0080/xml": "connected to http://127.0.0.1:",
			"JCX-C-0081/xml": "connected to http://127.0.0.1:",
			"JCX-C-0082/xml": "connected to http://127.0.0.1:",
			"JCX-C-0083/xml": "connected to http://127.0.0.1:",
		}},
		{"receipt over a re-serialisation", reserialiser{next: refServer(t)}, map[string]string{
			"JCX-C-0084/xml":  "is not the SHA-256 of the request bytes",
			"JCX-C-0084/json": "is not the SHA-256 of the request bytes",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Run(context.Background(), Config{Target: InProcess(tt.target), Timeout: time.Minute, Run: regexp.MustCompile(`JCX-C-00(79|8[0-5])`)})
			if err != nil {
				t.Fatal(err)
			}
			// Other cases may catch the mutant too (its changes show in other receipts);
			// these must, and must say why.
			for _, c := range res.Cases {
				if want, meant := tt.cases[c.Name()]; meant && (c.Verdict != Fail || !strings.Contains(c.Reason, want)) {
					t.Errorf("%s: %s (%s), want fail saying %q", c.Name(), c.Verdict, c.Reason, want)
				}
				if c.Verdict != SkippedByChoice {
					t.Logf("%s: %s %s", c.Name(), c.Verdict, c.Reason)
				}
			}
			if res.Conformant {
				t.Error("conformant")
			}
		})
	}
}
