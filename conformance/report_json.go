package conformance

import (
	"encoding/json"
	"io"
)

// WriteJSON writes the result as indented JSON: the machine-readable report.
func WriteJSON(w io.Writer, r *Result) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}
