package xmldsig

import (
	"bytes"
	"io"
	"strings"
)

// toUTF8 returns doc in UTF-8: unchanged (changed false) unless its XML declaration names
// another encoding, in which case what follows the declaration is decoded
// with charset, as encoding/xml does (scan has already made sure charset
// accepts the label). The declaration itself is outside the root element
// and so plays no part in the canonical form.
func toUTF8(doc []byte, charset func(string, io.Reader) (io.Reader, error)) (utf8Doc []byte, changed bool, err error) {
	if charset == nil || !bytes.HasPrefix(doc, []byte("<?xml")) {
		return doc, false, nil
	}
	end := bytes.Index(doc, []byte("?>"))
	if end < 0 {
		return doc, false, nil
	}
	enc := declParam(string(doc[len("<?xml"):end]), "encoding")
	if enc == "" || strings.EqualFold(enc, "utf-8") {
		return doc, false, nil
	}
	r, err := charset(enc, bytes.NewReader(doc[end+2:]))
	if err != nil {
		return nil, false, wrap(CodeInvalid, "document is not well-formed XML", err)
	}
	rest, err := io.ReadAll(r)
	if err != nil {
		return nil, false, wrap(CodeInvalid, "document is not well-formed XML", err)
	}
	return append(doc[:end+2:end+2], rest...), true, nil
}

// declParam returns the value of param="value" (or 'value') in the
// content of an XML declaration, found the way encoding/xml finds it.
func declParam(s, param string) string {
	param += "="
	for i := 0; i < len(s); {
		k := strings.Index(s[i:], param)
		if k < 0 {
			return ""
		}
		i += k + len(param)
		if i >= len(s) {
			return ""
		}
		if q := s[i]; q == '"' || q == '\'' {
			j := strings.IndexByte(s[i+1:], q)
			if j < 0 {
				return ""
			}
			return s[i+1 : i+1+j]
		}
	}
	return ""
}
