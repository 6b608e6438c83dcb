package exchange

import "fmt"

// Limits bound the resources one message may use while it is parsed. The zero value means
// the defaults.
type Limits struct {
	// MaxBytes is the largest accepted message (default 16 MiB); larger ones get 3022.
	MaxBytes int64
	// MaxDepth is the deepest accepted element or value nesting (default 64). Valid
	// messages nest far less; the limit only stops hostile input early.
	MaxDepth int
	// MaxValues is the most values (objects, arrays, strings, numbers, literals) a JSON
	// message may hold (default 250,000); more gets 3022. The schema step's work and
	// memory grow with the values, not the bytes: 16 MiB of [{},{},…] is five million
	// of them. Raising it gives up the cost budget of docs/SECURITY.md.
	MaxValues int
}

// The defaults of Limits.
const (
	DefaultMaxBytes  = 16 << 20
	DefaultMaxDepth  = 64
	DefaultMaxValues = 250_000
)

func (l Limits) withDefaults() Limits {
	if l.MaxBytes <= 0 {
		l.MaxBytes = DefaultMaxBytes
	}
	if l.MaxDepth <= 0 {
		l.MaxDepth = DefaultMaxDepth
	}
	if l.MaxValues <= 0 {
		l.MaxValues = DefaultMaxValues
	}
	return l
}

// MaxFindings bounds the findings of one message, whatever its encoding and whichever
// step finds them: the schema step (XML Schema or JSON Schema) and the rule steps each
// stop working once they hold MaxFindings, and one more finding, 3000 for the whole
// message, says that the rest are not reported. A hostile message can earn a finding per
// element or item; a report of thousands helps nobody, and computing them would let the
// sender buy work. It is a constant rather than a limit of its own because the XML
// Schema engine is compiled with it once per process.
const MaxFindings = 1000

// capFindings cuts fs to MaxFindings and says so in one more finding.
func capFindings(fs []Finding) []Finding {
	if len(fs) <= MaxFindings {
		return fs
	}
	return append(fs[:MaxFindings:MaxFindings], tooManyFindings())
}

func tooManyFindings() Finding {
	return Finding{Code: CodeGeneral, Message: fmt.Sprintf("more than %d findings; the rest are not reported", MaxFindings)}
}
