package exchange

import (
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"golang.org/x/text/language"
	"golang.org/x/text/message"

	"github.com/jcx-dev/jcx/internal/schemajson"
	"github.com/jcx-dev/jcx/schemas"
)

// jsonSchema is the schema step for JSON input: the embedded JSON Schema 2020-12.
var jsonSchema = &jsonSchemaStep{}

type jsonSchemaStep struct {
	once   sync.Once
	schema *jsonschema.Schema
	plans  schemaPlans
	err    error
}

func (s *jsonSchemaStep) load() (*jsonschema.Schema, error) {
	s.once.Do(func() {
		s.schema, s.err = compileJSONSchema(schemaRegexpEngine)
		if s.err == nil {
			s.plans = planSchema(s.schema, acceptAll())
		}
	})
	return s.schema, s.err
}

// acceptAll is the schema true, which the walk puts in place of children it validates
// on their own.
// It and printer are made on first use: a process that validates no JSON (jcx validate
// --xsd, say) does not pay for them at start-up.
var acceptAll = sync.OnceValue(func() *jsonschema.Schema {
	c := jsonschema.NewCompiler()
	const url = "urn:jcx:true"
	if err := c.AddResource(url, true); err != nil {
		panic(err)
	}
	return c.MustCompile(url)
})

// compileJSONSchema compiles the embedded JSON Schema with the given regexp engine for
// its patterns. A test holds the result to a compilation with the library's own engine,
// finding for finding, over the message fixtures.
func compileJSONSchema(engine jsonschema.RegexpEngine) (*jsonschema.Schema, error) {
	return schemajson.Compile(schemas.JSON(), schemas.JSONID, engine)
}

var printer = sync.OnceValue(func() *message.Printer { return message.NewPrinter(language.English) })

// validate checks data, which has passed the strict JSON checks, against the schema. It
// also returns the value tree it validated, so that the model can be filled from it
// without parsing data again.
func (s *jsonSchemaStep) validate(data []byte, maxDepth int) (any, []Finding) {
	sch, err := s.load()
	if err != nil {
		return nil, []Finding{{Code: CodeGeneral, Message: "JSON Schema unavailable: " + err.Error()}}
	}
	if fs := countMembers(data, sch, s.plans); len(fs) > 0 {
		return nil, capFindings(fs)
	}
	inst, err := parseJSONTree(data, maxDepth)
	if err != nil {
		return nil, []Finding{{Code: CodeSchema, Message: "not JSON: " + err.Error()}}
	}
	w := schemaWalk{plans: s.plans, seen: map[string]bool{}}
	w.value(sch, inst)
	sortFindings(w.out)
	return inst, capFindings(w.out)
}

// schemaFindings flattens a schema error into one finding per failed leaf keyword, in
// the order of their paths, each with its location rendered by loc.
func schemaFindings(err error, loc func([]string) string) []Finding {
	out := appendSchemaFindings(nil, err, loc, map[string]bool{})
	sortFindings(out)
	return out
}

func sortFindings(out []Finding) {
	sort.SliceStable(out, func(i, j int) bool { return out[i].Path < out[j].Path })
}

// appendSchemaFindings appends one finding per failed leaf keyword of a schema error,
// skipping those already seen at the same path with the same message.
func appendSchemaFindings(out []Finding, err error, loc func([]string) string, seen map[string]bool) []Finding {
	if err == nil {
		return out
	}
	ve, ok := err.(*jsonschema.ValidationError)
	if !ok {
		return append(out, Finding{Code: CodeSchema, Message: err.Error()})
	}
	var walk func(e *jsonschema.ValidationError)
	walk = func(e *jsonschema.ValidationError) {
		if len(e.Causes) == 0 {
			f := Finding{Code: CodeSchema, Path: loc(e.InstanceLocation), Message: clipMessage(e.ErrorKind.LocalizedString(printer()))}
			if k := f.Path + "\x00" + f.Message; !seen[k] {
				seen[k] = true
				out = append(out, f)
			}
			return
		}
		for _, c := range e.Causes {
			walk(c)
		}
	}
	walk(ve)
	return out
}

// maxMessage bounds a finding's message: one naming every unknown member of a wide
// object would otherwise repeat much of the message.
const maxMessage = 1024

func clipMessage(m string) string {
	if len(m) <= maxMessage {
		return m
	}
	cut := maxMessage
	for cut > 0 && !utf8.RuneStart(m[cut]) {
		cut--
	}
	return m[:cut] + "…"
}

func pointer(tokens []string) string {
	var b strings.Builder
	for _, t := range tokens {
		b.WriteByte('/')
		b.WriteString(escapePointer(t))
	}
	return b.String()
}
