package exchange

import (
	"errors"

	"github.com/jcx-dev/jcx/internal/safexml"
	"github.com/jcx-dev/jcx/internal/strictjson"
)

// prepareXML runs the hardened XML front door: no DOCTYPE or entities, size and depth
// limits, UTF-8 or a declared legacy charset decoded to UTF-8. It returns the UTF-8
// document; the caller keeps the original bytes for signature checks.
func prepareXML(data []byte, lim Limits) ([]byte, []Finding) {
	doc, err := safexml.PrepareBytes(data, safexml.Limits{MaxBytes: lim.MaxBytes, MaxDepth: lim.MaxDepth})
	if err != nil {
		var e *safexml.Error
		if errors.As(err, &e) {
			return nil, []Finding{{Code: ErrorCode(e.Code()), Line: e.Line, Message: e.Msg}}
		}
		return nil, []Finding{{Code: CodeSchema, Message: err.Error()}}
	}
	return doc, nil
}

// checkJSON runs the strict JSON front door: no duplicate keys, no trailing data, valid
// UTF-8 without lone surrogates, depth and size limits.
func checkJSON(data []byte, lim Limits) []Finding {
	err := strictjson.Check(data, strictjson.Limits{MaxBytes: lim.MaxBytes, MaxDepth: lim.MaxDepth, MaxValues: lim.MaxValues})
	if err == nil {
		return nil
	}
	var e *strictjson.Error
	if errors.As(err, &e) {
		return []Finding{{Code: ErrorCode(e.Code()), Path: e.Pointer, Line: e.Line, Message: e.Msg}}
	}
	return []Finding{{Code: CodeSchema, Message: err.Error()}}
}
