package conformance

import (
	_ "embed"
	"html/template"
	"io"
	"sync"
	"time"
)

//go:embed report.html.tmpl
var htmlReportSource string

// htmlReport is parsed on first use: most runs of the jcx command write no HTML report.
var htmlReport = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("report").Funcs(template.FuncMap{
		"seconds": func(d time.Duration) string { return seconds(d.Seconds()) },
		"date":    func(t time.Time) string { return t.UTC().Format(time.RFC3339) },
	}).Parse(htmlReportSource))
})

// htmlView is what the template sees: the result, with cases reachable by requirement.
type htmlView struct {
	*Result
	Verdicts []Verdict
	ByName   map[string]CaseResult
}

// WriteHTML writes one self-contained HTML file: inline CSS, no scripts, no remote
// resources, grouped by requirement, with the request and response transcripts of every
// case. Everything from the implementation is escaped by html/template.
func WriteHTML(w io.Writer, r *Result) error {
	v := htmlView{Result: r, Verdicts: Verdicts, ByName: map[string]CaseResult{}}
	for _, c := range r.Cases {
		v.ByName[c.Name()] = c
	}
	return htmlReport().Execute(w, v)
}
