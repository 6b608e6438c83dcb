package hi1

import (
	"encoding/xml"
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/jcx-dev/jcx/exchange"
	"github.com/jcx-dev/jcx/internal/safexml"
)

// Decode reads an HI-1 message. The bytes pass the same hardened front door as every jcx
// message (no DOCTYPE or entities, size and depth limits, UTF-8 or a declared charset),
// then the typed decoder maps every element to the model: an element out of place, a
// missing required member, text where elements belong or a value that is not a number
// or boolean is reported, never skipped. The error is an *exchange.InvalidError whose
// findings carry code 3019, 3020 or 3022, the XPath and the line.
//
// Decode does not validate against the ETSI schema set nor apply the envelope rules: see
// Validator for both.
func Decode(data []byte, lim exchange.Limits) (*HI1Message, error) {
	m, findings := decode(data, lim)
	if len(findings) > 0 {
		return nil, &exchange.InvalidError{Findings: findings}
	}
	return m, nil
}

// prepare runs the hardened front door with exchange's limits and returns the UTF-8
// document.
func prepare(data []byte, lim exchange.Limits) ([]byte, []exchange.Finding) {
	if lim.MaxBytes <= 0 {
		lim.MaxBytes = exchange.DefaultMaxBytes
	}
	if lim.MaxDepth <= 0 {
		lim.MaxDepth = exchange.DefaultMaxDepth
	}
	doc, err := safexml.PrepareBytes(data, safexml.Limits{MaxBytes: lim.MaxBytes, MaxDepth: lim.MaxDepth})
	if err != nil {
		var e *safexml.Error
		if errors.As(err, &e) {
			return nil, []exchange.Finding{{Code: exchange.ErrorCode(e.Code()), Line: e.Line, Message: e.Msg}}
		}
		return nil, []exchange.Finding{{Code: exchange.CodeSchema, Message: err.Error()}}
	}
	return doc, nil
}

func decode(data []byte, lim exchange.Limits) (*HI1Message, []exchange.Finding) {
	doc, findings := prepare(data, lim)
	if findings != nil {
		return nil, findings
	}
	root, err := parseTree(doc)
	if err != nil {
		return nil, []exchange.Finding{{Code: exchange.CodeSchema, Message: err.Error()}}
	}
	d := &decoder{lines: map[string]position{}, lexical: map[string]string{}, extBudget: 4*len(doc) + 1<<20}
	if root.space != NSCore || root.local != "HI1Message" {
		d.report(root, "the root element is {%s}%s, not HI1Message of %s", root.space, root.local, NSCore)
		return nil, d.findings
	}
	m := &HI1Message{Namespaces: append([]Namespace(nil), root.decls...)}
	d.noAttributes(root)
	d.structure(root, reflect.ValueOf(m).Elem())
	if len(d.findings) > 0 {
		return nil, d.findings
	}
	m.lines, m.lexical = d.lines, d.lexical
	return m, nil
}

type decoder struct {
	findings []exchange.Finding
	lines    map[string]position
	lexical  map[string]string
	// Each extension declares the namespaces it uses, so many small extensions under
	// long namespace names could take far more memory than the document: extBudget bounds
	// their total.
	extBytes, extBudget int
	overBudget          bool
}

// maxFindings bounds the findings one document can produce.
const maxFindings = 100

func (d *decoder) report(n *node, format string, args ...any) {
	if len(d.findings) >= maxFindings {
		return
	}
	d.findings = append(d.findings, exchange.Finding{
		Code: exchange.CodeSchema, Path: n.path, Line: n.line, Column: n.column, Message: fmt.Sprintf(format, args...),
	})
}

// structure decodes the child elements of n into the struct v, in the order of its
// members: a child that matches no member at or after the current one is out of place.
func (d *decoder) structure(n *node, v reflect.Value) {
	d.lines[n.path] = position{n.line, n.column}
	plan := planOf(v.Type())
	seen := make([]bool, len(plan))
	at := 0
	for _, c := range d.children(n) {
		k := at
		for k < len(plan) && !plan[k].matches(c) {
			k++
		}
		if k == len(plan) {
			d.report(c, "unexpected element {%s}%s in %s", c.space, c.local, n.local)
			continue
		}
		f := &plan[k]
		fv := v.FieldByIndex(f.index)
		repeats := fv.Kind() == reflect.Slice && !f.wrap
		if seen[k] && !repeats {
			d.report(c, "element %s appears more than once", c.local)
			continue
		}
		seen[k] = true
		at = k
		if !repeats {
			at = k + 1
		}
		switch {
		case f.wrap:
			d.list(c, f, fv)
		case repeats:
			item := reflect.New(fv.Type().Elem()).Elem()
			d.value(c, item)
			fv.Set(reflect.Append(fv, item))
		default:
			d.value(c, fv)
		}
	}
	for k := range plan {
		if plan[k].req && !seen[k] {
			d.report(n, "%s has no %s", n.local, plan[k].names[0].Local)
		}
	}
}

// children returns the child elements of an element with element-only content, and
// reports text other than whitespace among them.
func (d *decoder) children(n *node) []*node {
	var out []*node
	for _, it := range n.content {
		if it.el != nil {
			out = append(out, it.el)
		} else if strings.TrimSpace(it.text) != "" {
			d.report(n, "text %q where only elements are allowed", clip(it.text))
		}
	}
	return out
}

// list decodes the items inside the wrapper element n into the slice v.
func (d *decoder) list(n *node, f *fieldPlan, v reflect.Value) {
	d.lines[n.path] = position{n.line, n.column}
	d.noAttributes(n)
	single := v.Kind() != reflect.Slice
	if !single {
		v.Set(reflect.MakeSlice(v.Type(), 0, 0))
	}
	count := 0
	for _, c := range d.children(n) {
		if !f.itemMatches(c) {
			d.report(c, "unexpected element {%s}%s in %s", c.space, c.local, n.local)
			continue
		}
		count++
		if single {
			if count > 1 {
				d.report(c, "%s holds more than one element", n.local)
				continue
			}
			d.value(c, v)
			continue
		}
		item := reflect.New(v.Type().Elem()).Elem()
		d.value(c, item)
		v.Set(reflect.Append(v, item))
	}
	if single && count == 0 {
		d.report(n, "%s is empty", n.local)
	}
}

// value decodes element n into v according to v's type.
func (d *decoder) value(n *node, v reflect.Value) {
	switch {
	case v.Type() == extensionType:
		d.lines[n.path] = position{n.line, n.column}
		x := extensionOf(n)
		if d.extBytes += len(x.XML); d.extBytes > d.extBudget {
			if !d.overBudget {
				d.overBudget = true
				d.findings = append(d.findings, exchange.Finding{Code: exchange.CodeTooLarge, Path: n.path, Line: n.line, Column: n.column,
					Message: fmt.Sprintf("the elements kept as extensions would take more than %d bytes with the namespaces they use", d.extBudget)})
			}
			return
		}
		v.Set(reflect.ValueOf(x))
		return
	case v.Type() == objectType:
		if o := d.object(n); o != nil {
			v.Set(reflect.ValueOf(o))
		}
		return
	case v.Kind() == reflect.Pointer:
		p := reflect.New(v.Type().Elem())
		d.value(n, p.Elem())
		v.Set(p)
		return
	case v.Kind() == reflect.Struct:
		d.noAttributes(n)
		d.structure(n, v)
		return
	}
	text, ok := d.simple(n)
	if !ok {
		return
	}
	switch v.Kind() {
	case reflect.String:
		v.SetString(text)
	case reflect.Int, reflect.Int32, reflect.Int64:
		i, err := strconv.ParseInt(strings.TrimSpace(text), 10, 64)
		if err != nil || v.OverflowInt(i) {
			d.report(n, "%s is %q, not an integer", n.local, clip(text))
			return
		}
		v.SetInt(i)
		d.keepLexical(n, text, strconv.FormatInt(i, 10))
	case reflect.Bool:
		switch strings.TrimSpace(text) {
		case "true", "1":
			v.SetBool(true)
		case "false", "0":
		default:
			d.report(n, "%s is %q, not a boolean", n.local, clip(text))
			return
		}
		d.keepLexical(n, text, strconv.FormatBool(v.Bool()))
	default:
		panic("hi1: model member of unsupported kind " + v.Kind().String())
	}
}

// keepLexical remembers how a number or boolean was written when that differs from how
// Encode writes its value (01 for 1, 1 for true), so that an unchanged value is written
// back as it was received.
func (d *decoder) keepLexical(n *node, text, canonical string) {
	if text != canonical {
		d.lexical[n.path] = text
	}
}

// simple returns the text of an element that must hold text only.
func (d *decoder) simple(n *node) (string, bool) {
	d.lines[n.path] = position{n.line, n.column}
	d.noAttributes(n)
	for _, it := range n.content {
		if it.el != nil {
			d.report(it.el, "element %s inside %s, which holds text only", it.el.local, n.local)
			return "", false
		}
	}
	return n.text(), true
}

// object decodes an HI1Object by its xsi:type.
func (d *decoder) object(n *node) HI1Object {
	d.lines[n.path] = position{n.line, n.column}
	qname, ok := n.attr(NSXSI, "type")
	if !ok {
		d.report(n, "HI1Object has no xsi:type")
		return nil
	}
	for _, a := range n.attrs {
		if a.space != NSXSI || a.local != "type" {
			d.report(n, "unexpected attribute %s on HI1Object", a.local)
		}
	}
	prefix, local, found := strings.Cut(strings.TrimSpace(qname), ":")
	if !found {
		prefix, local = "", prefix
	}
	space, bound := n.lookup(prefix)
	if !bound || local == "" {
		d.report(n, "xsi:type %q names an undeclared prefix", clip(qname))
		return nil
	}
	name := xml.Name{Space: space, Local: local}
	var o HI1Object
	if mk, known := objectTypes[name]; known {
		o = mk()
	} else {
		o = &UnknownObject{XSIType: name}
	}
	d.structure(n, reflect.ValueOf(o).Elem())
	return o
}

func (d *decoder) noAttributes(n *node) {
	for _, a := range n.attrs {
		d.report(n, "unexpected attribute %s on %s", a.local, n.local)
	}
}

// clip shortens a value quoted in a finding.
func clip(s string) string {
	if len(s) <= 40 {
		return s
	}
	n := 40
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}
