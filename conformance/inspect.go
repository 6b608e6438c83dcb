package conformance

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/jcx-dev/jcx/exchange"
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

// Limits on answers the harness parses: generous for real messages (the largest answer
// the suite provokes has a few hundred nodes), fatal for bombs. The harness's own parser
// runs first and enforces them in one linear pass, so the SDK's validation and signature
// checks, which cost more per node, only ever see answers of bounded size.
const (
	maxAnswerDepth  = 64
	maxAnswerNodes  = 20000
	maxNumberLength = 64 // digits of a JSON number: an ActionIdentifier or a Code has a few
)

var errAnswerLimit = errors.New("answer exceeds the harness's parsing limits")

// parseAnswer reads a message in either encoding into a node tree rooted at the message.
// It gives up when ctx ends, so a costly answer cannot outlive its case's deadline.
func parseAnswer(ctx context.Context, b []byte, e Encoding) (*node, error) {
	if e == JSON {
		return parseJSONNode(ctx, b)
	}
	return parseXMLNode(ctx, b)
}

// checkEvery is how many tokens the parsers read between looks at the context.
const checkEvery = 1024

func parseXMLNode(ctx context.Context, b []byte) (*node, error) {
	d := xml.NewDecoder(bytes.NewReader(b))
	d.Strict = true
	var stack []*node
	var texts []*bytes.Buffer
	var root *node
	count := 0
	for i := 0; ; i++ {
		if i%checkEvery == 0 && ctx.Err() != nil {
			return nil, ctx.Err()
		}
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
			count += 1 + len(t.Attr)
			if len(stack) >= maxAnswerDepth || count > maxAnswerNodes {
				return nil, fmt.Errorf("%w: more than %d nodes or %d levels", errAnswerLimit, maxAnswerNodes, maxAnswerDepth)
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
			texts = append(texts, new(bytes.Buffer))
		case xml.EndElement:
			if len(stack) == 0 {
				return nil, errors.New("end tag without a start tag")
			}
			stack[len(stack)-1].text = texts[len(texts)-1].String()
			stack, texts = stack[:len(stack)-1], texts[:len(texts)-1]
		case xml.CharData:
			if len(texts) > 0 {
				texts[len(texts)-1].Write(t)
			}
		}
	}
	if root == nil {
		return nil, errors.New("no root element")
	}
	if len(stack) > 0 {
		return nil, errors.New("unclosed element")
	}
	return root, nil
}

// parseJSONNode reads a JSON message in one pass of tokens: an object's members become
// children (an array member becomes one child per element, all with the member's name)
// and a scalar becomes text. Duplicate member names and trailing data are refused, as a
// strict receiver must.
func parseJSONNode(ctx context.Context, b []byte) (*node, error) {
	trimmed := bytes.TrimSpace(b)
	if len(trimmed) == 0 || trimmed[0] != '{' {
		return nil, errors.New("the top-level value is not an object")
	}
	d := json.NewDecoder(bytes.NewReader(trimmed))
	d.UseNumber()
	p := jsonParser{ctx: ctx, d: d}
	root := &node{name: "Message"}
	if err := p.value(root, 0); err != nil {
		return nil, err
	}
	if _, err := d.Token(); err != io.EOF {
		return nil, errors.New("data after the value")
	}
	return root, nil
}

type jsonParser struct {
	ctx    context.Context
	d      *json.Decoder
	tokens int
	nodes  int
}

func (p *jsonParser) token() (json.Token, error) {
	if p.tokens++; p.tokens%checkEvery == 0 && p.ctx.Err() != nil {
		return nil, p.ctx.Err()
	}
	return p.d.Token()
}

// value reads one value into n; an array is not a value here but a repetition, which
// member handles.
func (p *jsonParser) value(n *node, depth int) error {
	tok, err := p.token()
	if err != nil {
		return err
	}
	return p.fill(n, tok, depth)
}

func (p *jsonParser) fill(n *node, tok json.Token, depth int) error {
	switch t := tok.(type) {
	case json.Delim:
		if t != '{' {
			return errors.New("unexpected array")
		}
		if depth > maxAnswerDepth {
			return fmt.Errorf("%w: more than %d levels", errAnswerLimit, maxAnswerDepth)
		}
		return p.object(n, depth)
	case string:
		n.text = t
	case json.Number:
		if len(t) > maxNumberLength {
			return fmt.Errorf("%w: a number of %d characters", errAnswerLimit, len(t))
		}
		n.text = t.String()
	case bool:
		n.text = strconv.FormatBool(t)
	case nil:
	}
	return nil
}

func (p *jsonParser) object(n *node, depth int) error {
	seen := map[string]bool{}
	for p.d.More() {
		kt, err := p.token()
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
		tok, err := p.token()
		if err != nil {
			return err
		}
		if d, ok := tok.(json.Delim); ok && d == '[' {
			for p.d.More() {
				if err := p.child(n, key, depth); err != nil {
					return err
				}
			}
			if _, err := p.token(); err != nil { // ]
				return err
			}
			continue
		}
		c, err := p.add(n, key)
		if err != nil {
			return err
		}
		if err := p.fill(c, tok, depth+1); err != nil {
			return err
		}
	}
	_, err := p.token() // }
	return err
}

func (p *jsonParser) child(n *node, key string, depth int) error {
	c, err := p.add(n, key)
	if err != nil {
		return err
	}
	return p.value(c, depth+1)
}

func (p *jsonParser) add(n *node, key string) (*node, error) {
	if p.nodes++; p.nodes > maxAnswerNodes {
		return nil, fmt.Errorf("%w: more than %d nodes", errAnswerLimit, maxAnswerNodes)
	}
	c := &node{name: key}
	n.children = append(n.children, c)
	return c, nil
}

// answer is what the harness reads from a response message.
type answer struct {
	root     *node
	sender   exchange.Party
	receiver exchange.Party
	tx       string
	receipt  struct{ alg, value string }
	isResp   bool
	hi1      bool                 // an HI-1 message, which correlates by TransactionIdentifier only
	errors   []exchange.ErrorCode // message-level error codes
	paths    []string             // the Path of each message-level error ("" when absent)
	results  []result
}

type result struct {
	action     int
	verb       string
	codes      []exchange.ErrorCode
	generation int
	listed     []string
	object     string
	target     string // the identifier of the object the result is about
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
	a.sender = exchange.Party{CountryCode: h.value("Sender", "CountryCode"), UniqueIdentifier: h.value("Sender", "UniqueIdentifier")}
	a.receiver = exchange.Party{CountryCode: h.value("Receiver", "CountryCode"), UniqueIdentifier: h.value("Receiver", "UniqueIdentifier")}
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
		a.errors = append(a.errors, exchange.ErrorCode(c))
		a.paths = append(a.paths, e.value("Path"))
	}
	for _, r := range resp.all("ActionResult") {
		var res result
		var err error
		if res.action, err = strconv.Atoi(r.value("ActionIdentifier")); err != nil {
			return nil, fmt.Errorf("ActionResult without a numeric ActionIdentifier")
		}
		if f := r.child("Failure"); f != nil {
			c, _ := strconv.Atoi(f.value("Code"))
			res.codes = append(res.codes, exchange.ErrorCode(c))
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
				res.target = vn.children[0].value("ObjectIdentifier")
			} else {
				res.target = vn.value("Identifier")
			}
		}
		a.results = append(a.results, res)
	}
	return a, nil
}

// codes returns every code of the answer, message-level and action-level.
func (a *answer) codes() []exchange.ErrorCode {
	out := append([]exchange.ErrorCode(nil), a.errors...)
	for _, r := range a.results {
		out = append(out, r.codes...)
	}
	return out
}
