package exchange

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/jcx-dev/jcx/exchange/trust"
)

// ErrorCode is a finding's error code. The 3000–3022 range keeps the meanings of ETSI TS 103 120
// Annex D; 8000–8099 is this profile's own range. It is trust.ErrorCode, the one code type
// of jcx: findings, the errors of a response (ErrorInformation), the trust package's
// refusals and the conformance suite's expectations all carry it.
type ErrorCode = trust.ErrorCode

const (
	CodeGeneral            ErrorCode = 3000 // general business-logic error
	CodeNotSupported       ErrorCode = 3001 // feature not supported
	CodeDuplicateAction    ErrorCode = 3002 // duplicate ActionIdentifier
	CodeTransient          ErrorCode = 3003 // transient technical error, retry
	CodeMissing            ErrorCode = 3005 // required element missing
	CodeChangeNotAllowed   ErrorCode = 3006 // value change not allowed (receiver-owned member)
	CodeImproperValue      ErrorCode = 3007 // improper value
	CodeStaleGeneration    ErrorCode = 3008 // improper value change, e.g. stale Generation
	CodeNotFound           ErrorCode = 3009 // value not found
	CodeExists             ErrorCode = 3010 // CREATE: object already exists
	CodeUpdateTargetAbsent ErrorCode = 3011 // UPDATE target does not exist
	CodeGetNotFound        ErrorCode = 3014 // GET object not found
	CodeLinkMissing        ErrorCode = 3016 // AssociatedObject does not exist
	CodeLinkExpired        ErrorCode = 3017 // AssociatedObject expired
	CodeLinkFailed         ErrorCode = 3018 // AssociatedObject refused in the same message
	CodeEncoding           ErrorCode = 3019 // encoding not accepted
	CodeSchema             ErrorCode = 3020 // schema validation error
	CodeVersion            ErrorCode = 3021 // version not supported
	CodeTooLarge           ErrorCode = 3022 // message too large

	CodeSignatureRequired ErrorCode = 8001 // profile requires a signature and there is none
	CodeSignatureInvalid  ErrorCode = 8002 // cryptographic check failed
	CodeSignerNotTrusted  ErrorCode = 8003 // chain, validity or key usage failure
	CodeSignerNotSender   ErrorCode = 8004 // signing certificate does not name Header.Sender
	CodeAlgorithm         ErrorCode = 8005 // algorithm or transform outside the allow-list
	CodeReceiverMismatch  ErrorCode = 8010 // Header.Receiver is not this endpoint
	CodeSenderNotAuth     ErrorCode = 8011 // transport identity is not Header.Sender
	CodeReplay            ErrorCode = 8012 // TransactionIdentifier already seen from this sender
	CodeClockWindow       ErrorCode = 8013 // Timestamp outside the accepted window
	CodeAttachmentMissing ErrorCode = 8020 // manifest entry not present
	CodeDigestMismatch    ErrorCode = 8021 // content digest differs from the manifest
	CodeSizeMismatch      ErrorCode = 8022 // byte length differs from the manifest
	CodeMediaType         ErrorCode = 8023 // media type not accepted
	CodeCustodyBroken     ErrorCode = 8024 // custody chain does not verify
	CodeLegalBasis        ErrorCode = 8030 // legal basis missing or inconsistent with the instrument
	CodeDeadline          ErrorCode = 8031 // deadline inconsistent with the instrument's rules
)

// Finding is one problem found in a message: what (Code), where (Path, and Line and
// Column when the input was XML) and a message a person can act on.
type Finding struct {
	Code ErrorCode `json:"code"`
	// Path is an XPath for XML input and a JSON Pointer for JSON input.
	Path string `json:"path"`
	Line int    `json:"line,omitempty"`
	// Column is where on Line the element the finding is about starts: the offset of its
	// '<' from the start of the line, 1-based, counted in bytes — of the input itself
	// when it is UTF-8, of its UTF-8 form when it declares another charset — not in
	// characters. It is 0 when not known, as for a document that does not parse (its
	// Message says where); it is set only with Line.
	Column  int    `json:"column,omitempty"`
	Message string `json:"message"`
}

// String formats the finding as "CODE PATH (line N, column C): message", leaving out
// what is not known.
func (f Finding) String() string {
	switch {
	case f.Line > 0 && f.Column > 0:
		return fmt.Sprintf("%d %s (line %d, column %d): %s", f.Code, f.Path, f.Line, f.Column, f.Message)
	case f.Line > 0:
		return fmt.Sprintf("%d %s (line %d): %s", f.Code, f.Path, f.Line, f.Message)
	}
	return fmt.Sprintf("%d %s: %s", f.Code, f.Path, f.Message)
}

// Step is one element of a Path: an element (member) name and, for repeated elements, the
// zero-based position.
type Step struct {
	Name  string
	Index int // -1 when the element does not repeat
}

// Path locates a node of the model independently of the encoding; it renders as an XPath
// or a JSON Pointer.
type Path []Step

// Child returns p extended with a non-repeated element.
func (p Path) Child(name string) Path { return p.with(Step{name, -1}) }

// Item returns p extended with the i-th occurrence of a repeated element.
func (p Path) Item(name string, i int) Path { return p.with(Step{name, i}) }

func (p Path) with(s Step) Path {
	q := make(Path, len(p), len(p)+1)
	copy(q, p)
	return append(q, s)
}

// XPath renders the path as an XPath from the document root, e.g.
// /Message/Payload[1]/Request[1]/Action[2]/GET[1]/Identifier[1]. Every step below the
// root carries its one-based position among the siblings of the same name, as the schema
// step's findings do, so that a path names one element whatever the schema allows to
// repeat (docs/errors.md, "Paths").
func (p Path) XPath() string {
	var b strings.Builder
	b.WriteString("/Message")
	for _, s := range p {
		b.WriteByte('/')
		b.WriteString(s.Name)
		b.WriteByte('[')
		b.WriteString(strconv.Itoa(max(s.Index, 0) + 1))
		b.WriteByte(']')
	}
	return b.String()
}

// JSONPointer renders the path as an RFC 6901 JSON Pointer, e.g.
// /Payload/Request/Action/1/GET/Identifier.
func (p Path) JSONPointer() string {
	var b strings.Builder
	for _, s := range p {
		b.WriteByte('/')
		b.WriteString(escapePointer(s.Name))
		if s.Index >= 0 {
			b.WriteByte('/')
			b.WriteString(strconv.Itoa(s.Index))
		}
	}
	return b.String()
}

func escapePointer(s string) string {
	if !strings.ContainsAny(s, "~/") {
		return s
	}
	return strings.NewReplacer("~", "~0", "/", "~1").Replace(s)
}
