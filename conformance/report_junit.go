package conformance

import (
	"encoding/xml"
	"fmt"
	"io"
	"strings"
)

// JUnit XML, in the form CI systems read: one testsuite per case kind, one testcase per
// case and encoding, the requirement ids and level as properties of each testcase.
type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Skipped  int          `xml:"skipped,attr"`
	Time     string       `xml:"time,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name       string          `xml:"name,attr"`
	Tests      int             `xml:"tests,attr"`
	Failures   int             `xml:"failures,attr"`
	Errors     int             `xml:"errors,attr"`
	Skipped    int             `xml:"skipped,attr"`
	Properties []junitProperty `xml:"properties>property,omitempty"`
	Cases      []junitCase     `xml:"testcase"`
}

type junitProperty struct {
	Name  string `xml:"name,attr"`
	Value string `xml:"value,attr"`
}

type junitCase struct {
	Name       string          `xml:"name,attr"`
	Classname  string          `xml:"classname,attr"`
	Time       string          `xml:"time,attr"`
	Properties []junitProperty `xml:"properties>property,omitempty"`
	Failure    *junitMessage   `xml:"failure,omitempty"`
	Error      *junitMessage   `xml:"error,omitempty"`
	Skipped    *junitMessage   `xml:"skipped,omitempty"`
	SystemOut  string          `xml:"system-out,omitempty"`
}

type junitMessage struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr,omitempty"`
	Text    string `xml:",chardata"`
}

// WriteJUnit writes the result as JUnit XML.
func WriteJUnit(w io.Writer, r *Result) error {
	top := junitSuites{Name: "jcx conformance " + r.Suite.ID + " " + r.Suite.Version, Time: seconds(r.Duration.Seconds())}
	index := map[Kind]int{}
	for _, c := range r.Cases {
		i, ok := index[c.Kind]
		if !ok {
			i = len(top.Suites)
			index[c.Kind] = i
			top.Suites = append(top.Suites, junitSuite{Name: string(c.Kind), Properties: []junitProperty{
				{"suite.id", r.Suite.ID}, {"suite.version", r.Suite.Version}, {"suite.digest", r.Suite.Digest},
				{"implementation", r.Implementation.String()}, {"profiles", strings.Join(r.Profiles, " ")},
			}})
		}
		s := &top.Suites[i]
		jc := junitCase{Name: c.Name() + " " + c.Title, Classname: "jcx." + string(c.Kind), Time: seconds(c.Duration.Seconds())}
		jc.Properties = append(jc.Properties, junitProperty{"level", string(c.Level)}, junitProperty{"verdict", string(c.Verdict)})
		for _, id := range c.Requirements {
			jc.Properties = append(jc.Properties, junitProperty{"requirement", id})
		}
		for _, p := range c.Profiles {
			jc.Properties = append(jc.Properties, junitProperty{"profile", p})
		}
		msg := &junitMessage{Message: c.Reason, Type: string(c.Verdict), Text: transcriptSummary(c)}
		s.Tests++
		top.Tests++
		switch c.Verdict {
		case Fail:
			jc.Failure = msg
			s.Failures++
			top.Failures++
		case Error, Timeout:
			jc.Error = msg
			s.Errors++
			top.Errors++
		case SkippedUnsupported, SkippedByChoice, Waived:
			jc.Skipped = &junitMessage{Message: string(c.Verdict) + ": " + c.Reason}
			s.Skipped++
			top.Skipped++
		}
		s.Cases = append(s.Cases, jc)
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(top); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

func seconds(s float64) string { return fmt.Sprintf("%.3f", s) }

// transcriptSummary is the failure text of a JUnit case: each exchange in brief.
func transcriptSummary(c CaseResult) string {
	var b strings.Builder
	for _, e := range c.Transcript {
		fmt.Fprintf(&b, "%d. %s: sent %s (%d bytes)", e.Step, e.Label, e.RequestType, len(e.Request))
		if e.Error != "" {
			fmt.Fprintf(&b, ", no answer: %s\n", e.Error)
			continue
		}
		fmt.Fprintf(&b, ", answer %s (%d bytes)\n", e.ResponseType, len(e.Response))
	}
	return b.String()
}
