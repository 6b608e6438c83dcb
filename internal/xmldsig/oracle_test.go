package xmldsig

import (
	"io"

	"github.com/beevik/etree"
	dsig "github.com/russellhaering/goxmldsig"
	"github.com/russellhaering/goxmldsig/etreeutils"
)

// The test oracle: goxmldsig's exclusive C14N over an etree tree, which the
// package used before it had its own canonicalization. The differential
// tests compare the two byte for byte.

var excC14N = dsig.MakeC14N10ExclusiveCanonicalizerWithPrefixList("")

// parse reads doc with etree, after the attribute-value normalization
// encoding/xml leaves out.
func parse(doc []byte, lim Limits, charset func(string, io.Reader) (io.Reader, error)) (*etree.Element, error) {
	d := etree.NewDocument()
	d.ReadSettings = etree.ReadSettings{CharsetReader: charset, MaxDepth: lim.maxDepth() + 1}
	if err := d.ReadFromBytes(normalizeAttributes(doc)); err != nil {
		return nil, wrap(CodeInvalid, "document is not well-formed XML", err)
	}
	root := d.Root()
	if root == nil {
		return nil, invalid("no root element")
	}
	return root, nil
}

// oracleContent is goxmldsig's exclusive canonical form of root with its
// child at index sigIndex removed (none if negative).
func oracleContent(root *etree.Element, sigIndex int) ([]byte, error) {
	c := root.Copy() // the canonicalizer rewrites the tree it is given
	if sigIndex >= 0 {
		c.RemoveChildAt(sigIndex)
	}
	return excC14N.Canonicalize(c)
}

// oracleSignedInfo is goxmldsig's exclusive canonical form of an element in
// the namespace context of its place in the tree.
func oracleSignedInfo(si *etree.Element) ([]byte, error) {
	ctx, err := etreeutils.NSBuildParentContext(si)
	if err != nil {
		return nil, err
	}
	detached, err := etreeutils.NSDetatch(ctx, si)
	if err != nil {
		return nil, err
	}
	return excC14N.Canonicalize(detached)
}

// findSignatures returns up to max ds:Signature elements anywhere under
// (and including) root, in document order.
func findSignatures(root *etree.Element, max int) []*etree.Element {
	var found []*etree.Element
	stack := []*etree.Element{root}
	for len(stack) > 0 && len(found) < max {
		el := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if el.Tag == "Signature" && el.NamespaceURI() == NamespaceDSig {
			found = append(found, el)
		}
		kids := el.ChildElements()
		for i := len(kids) - 1; i >= 0; i-- {
			stack = append(stack, kids[i])
		}
	}
	return found
}
