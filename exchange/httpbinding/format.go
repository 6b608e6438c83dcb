package httpbinding

import (
	"mime"
	"strings"

	"github.com/jcx-dev/jcx/exchange"
)

// FormatOf maps an HTTP Content-Type to an encoding: application/xml and text/xml are
// XML, application/json is JSON, and an empty content type asks for detection
// (exchange.FormatAuto). Parameters such as charset are allowed. It reports false for
// any other media type.
func FormatOf(contentType string) (exchange.Format, bool) {
	if strings.TrimSpace(contentType) == "" {
		return exchange.FormatAuto, true
	}
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		return exchange.FormatAuto, false
	}
	switch mt {
	case exchange.MediaTypeXML, "text/xml":
		return exchange.FormatXML, true
	case exchange.MediaTypeJSON:
		return exchange.FormatJSON, true
	}
	return exchange.FormatAuto, false
}
