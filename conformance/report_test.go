package conformance

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"strings"
	"testing"
)

func TestReports(t *testing.T) {
	r, err := runFake(t, "lie", nil)
	if err != nil {
		t.Fatal(err)
	}
	// An answer the implementation controls must not be able to inject markup.
	r.Cases[0].Transcript = append(r.Cases[0].Transcript, Exchange{Label: "x", Response: `<script>alert(1)</script><img src="http://x">`})

	var h bytes.Buffer
	if err := WriteHTML(&h, r); err != nil {
		t.Fatal(err)
	}
	html := h.String()
	for _, bad := range []string{"<script", "<img", "src=\"http", "<link", "@import"} {
		if strings.Contains(html, bad) {
			t.Errorf("HTML report contains %q", bad)
		}
	}
	for _, want := range []string{r.Suite.Digest, "JCX-TST-001", "not conformant", "&lt;script&gt;"} {
		if !strings.Contains(html, want) {
			t.Errorf("HTML report lacks %q", want)
		}
	}

	var j bytes.Buffer
	if err := WriteJUnit(&j, r); err != nil {
		t.Fatal(err)
	}
	var ju junitSuites
	if err := xml.Unmarshal(j.Bytes(), &ju); err != nil {
		t.Fatal(err)
	}
	if ju.Tests != len(r.Cases) || ju.Failures != r.Counts[Fail] {
		t.Errorf("junit: %d tests %d failures; result %d cases %d failures", ju.Tests, ju.Failures, len(r.Cases), r.Counts[Fail])
	}
	if !strings.Contains(j.String(), `<property name="requirement" value="JCX-TST-001">`) {
		t.Error("junit: no requirement property")
	}

	var js bytes.Buffer
	if err := WriteJSON(&js, r); err != nil {
		t.Fatal(err)
	}
	var back Result
	if err := json.Unmarshal(js.Bytes(), &back); err != nil {
		t.Fatal(err)
	}
	if back.Suite != r.Suite || len(back.Cases) != len(r.Cases) || back.Conformant {
		t.Errorf("json round trip: %+v", back.Suite)
	}
}

// TestHTMLReportSaysWhyInconclusive: an inconclusive run is neither called conformant
// nor not conformant in the HTML report; it says why, as the text and JSON reports do,
// and the run's notes come with it.
func TestHTMLReportSaysWhyInconclusive(t *testing.T) {
	r, err := runFake(t, "lie", nil)
	if err != nil {
		t.Fatal(err)
	}
	r.Conformant = false
	r.Inconclusive = "no case testing a MUST ran: every one was skipped by --run"
	r.Notes = []string{"every answer failed on trust: check --trust <the implementation's CA>"}
	var h bytes.Buffer
	if err := WriteHTML(&h, r); err != nil {
		t.Fatal(err)
	}
	html := h.String()
	for _, want := range []string{">inconclusive</span>: no case testing a MUST ran: every one was skipped by --run", "check --trust &lt;the implementation&#39;s CA&gt;"} {
		if !strings.Contains(html, want) {
			t.Errorf("HTML report lacks %q", want)
		}
	}
	_, row, _ := strings.Cut(html, "<tr><th>Result</th>")
	row, _, _ = strings.Cut(row, "</tr>")
	if strings.Contains(row, "conformant") {
		t.Errorf("an inconclusive run's result row says %q", row)
	}
}
