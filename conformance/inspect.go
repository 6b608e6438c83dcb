package conformance

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// node is an encoding-neutral view of a message: element (member) names, repeated
// elements as repeated children, text for leaves. The harness reads answers through it,
// independently of the SDK, so a lying SDK cannot make a lying implementation pass.
type node struct {
	name     string
	text     string
	children []*node
	// xsiType is an XML element's xsi:type as written (prefix:Local): HI-1 names object
	// types with it.
	xsiType string
}

func (n *node) child(name string) *node {
	if n == nil {
		return nil
	}
	for _, c := range n.children {
		if c.name == name {
			return c
		}
	}
	return nil
}

func (n *node) all(name string) []*node {
	if n == nil {
		return nil
	}
	var out []*node
	for _, c := range n.children {
		if c.name == name {
			out = append(out, c)
		}
	}
	return out
}

func (n *node) path(names ...string) *node {
	for _, name := range names {
		n = n.child(name)
	}
	return n
}

func (n *node) value(names ...string) string {
	if m := n.path(names...); m != nil {
		return strings.TrimSpace(m.text)
	}
	return ""
}

// Limits on answers the harness parses: generous for real messages, fatal for bombs.
const (
	maxAnswerDepth = 64
	maxAnswerNodes = 200000
)

var errAnswerLimit = errors.New("answer exceeds the harness's parsing limits")

// parseAnswer reads a message in either encoding into a node tree rooted at the message.
func parseAnswer(b []byte, e Encoding) (*node, error) {
	if e == JSON {
		return parseJSONNode(b)
	}
	return parseXMLNode(b)
}

func parseXMLNode(b []byte) (*node, error) {
	d := xml.NewDecoder(bytes.NewReader(b))
	d.Strict = true
	var stack []*node
	var root *node
	count := 0
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.Directive:
			return nil, errors.New("DOCTYPE or other directive in an answer")
		case xml.StartElement:
			count++
			if len(stack) >= maxAnswerDepth || count > maxAnswerNodes {
				return nil, errAnswerLimit
			}
			n := &node{name: t.Name.Local}
			for _, at := range t.Attr {
				if at.Name.Space == xsiNamespace && at.Name.Local == "type" {
					n.xsiType = at.Value
				}
			}
			if len(stack) == 0 {
				if root != nil {
					return nil, errors.New("more than one root element")
				}
				root = n
			} else {
				p := stack[len(stack)-1]
				p.children = append(p.children, n)
			}
			stack = append(stack, n)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) > 0 {
				stack[len(stack)-1].text += string(t)
			}
		}
	}
	if root == nil {
		return nil, errors.New("no root element")
	}
	return root, nil
}

func parseJSONNode(b []byte) (*node, error) {
	count := 0
	root := &node{name: "Message"}
	trimmed := bytes.TrimSpace(b)
	if len(trimmed) == 0 || trimmed[0] != '{' {
		return nil, errors.New("the top-level value is not an object")
	}
	if err := fillJSON(root, trimmed, 0, &count); err != nil {
		return nil, err
	}
	return root, nil
}

// fillJSON reads one JSON value into n: an object's members become children (an array
// member becomes one child per element, all with the member's name) and a scalar becomes
// text. Duplicate member names and trailing data are refused, as a strict receiver must.
func fillJSON(n *node, raw []byte, depth int, count *int) error {
	if depth > maxAnswerDepth {
		return errAnswerLimit
	}
	if *count++; *count > maxAnswerNodes {
		return errAnswerLimit
	}
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return errors.New("empty value")
	}
	d := json.NewDecoder(bytes.NewReader(raw))
	d.UseNumber()
	if raw[0] != '{' {
		var v any
		if err := d.Decode(&v); err != nil {
			return err
		}
		switch t := v.(type) {
		case string:
			n.text = t
		case json.Number:
			n.text = t.String()
		case bool:
			n.text = strconv.FormatBool(t)
		case nil:
		default:
			return errors.New("unexpected array")
		}
		return trailing(d)
	}
	if _, err := d.Token(); err != nil {
		return err
	}
	seen := map[string]bool{}
	for d.More() {
		kt, err := d.Token()
		if err != nil {
			return err
		}
		key, ok := kt.(string)
		if !ok {
			return errors.New("member name is not a string")
		}
		if seen[key] {
			return fmt.Errorf("duplicate member %q", key)
		}
		seen[key] = true
		var val json.RawMessage
		if err := d.Decode(&val); err != nil {
			return err
		}
		if len(val) > 0 && val[0] == '[' {
			var items []json.RawMessage
			if err := json.Unmarshal(val, &items); err != nil {
				return err
			}
			for _, it := range items {
				c := &node{name: key}
				n.children = append(n.children, c)
				if err := fillJSON(c, it, depth+1, count); err != nil {
					return err
				}
			}
			continue
		}
		c := &node{name: key}
		n.children = append(n.children, c)
		if err := fillJSON(c, val, depth+1, count); err != nil {
			return err
		}
	}
	if _, err := d.Token(); err != nil {
		return err
	}
	return trailing(d)
}

func trailing(d *json.Decoder) error {
	if _, err := d.Token(); err != io.EOF {
		return errors.New("data after the value")
	}
	return nil
}

// answer is what the harness reads from a response message.
type answer struct {
	root     *node
	sender   Party
	receiver Party
	tx       string
	receipt  struct{ alg, value string }
	isResp   bool
	hi1      bool  // an HI-1 message, which correlates by TransactionIdentifier only
	errors   []int // message-level error codes
	results  []result
}

type result struct {
	action     int
	verb       string
	codes      []int
	generation int
	listed     []string
	object     string
}

var verbs = []string{"GET", "CREATE", "UPDATE", "LIST", "DELIVER", "GETCAPABILITIES"}

func readAnswer(root *node) (*answer, error) {
	if root.name == "HI1Message" {
		return readHI1Answer(root)
	}
	if root.name != "Message" {
		return nil, fmt.Errorf("root is %q, not Message", root.name)
	}
	a := &answer{root: root}
	h := root.child("Header")
	if h == nil {
		return nil, errors.New("no Header")
	}
	a.sender = Party{h.value("Sender", "CountryCode"), h.value("Sender", "UniqueIdentifier")}
	a.receiver = Party{h.value("Receiver", "CountryCode"), h.value("Receiver", "UniqueIdentifier")}
	a.tx = h.value("TransactionIdentifier")
	resp := root.path("Payload", "Response")
	if resp == nil {
		return a, nil
	}
	a.isResp = true
	a.receipt.alg = resp.value("Receipt", "Algorithm")
	a.receipt.value = resp.value("Receipt", "Value")
	for _, e := range resp.all("Error") {
		c, _ := strconv.Atoi(e.value("Code"))
		a.errors = append(a.errors, c)
	}
	for _, r := range resp.all("ActionResult") {
		var res result
		var err error
		if res.action, err = strconv.Atoi(r.value("ActionIdentifier")); err != nil {
			return nil, fmt.Errorf("ActionResult without a numeric ActionIdentifier")
		}
		if f := r.child("Failure"); f != nil {
			c, _ := strconv.Atoi(f.value("Code"))
			res.codes = append(res.codes, c)
		}
		for _, v := range verbs {
			vn := r.child(v)
			if vn == nil {
				continue
			}
			res.verb = v
			res.generation, _ = strconv.Atoi(vn.value("Generation"))
			for _, lo := range vn.all("ListedObject") {
				res.listed = append(res.listed, lo.value("ObjectType"))
			}
			if v == "GET" && len(vn.children) > 0 {
				res.object = vn.children[0].name
			}
		}
		a.results = append(a.results, res)
	}
	return a, nil
}

// codes returns every code of the answer, message-level and action-level.
func (a *answer) codes() []int {
	out := append([]int(nil), a.errors...)
	for _, r := range a.results {
		out = append(out, r.codes...)
	}
	return out
}
