package xmldsig

import (
	"crypto/sha256"

	"github.com/beevik/etree"
	dsig "github.com/russellhaering/goxmldsig"
	"github.com/russellhaering/goxmldsig/etreeutils"
)

// excC14N is exclusive XML canonicalization without comments, the only
// canonicalization the profile allows. goxmldsig's canonicalizer rewrites the
// tree it is given, so callers always hand it a copy.
var excC14N = dsig.MakeC14N10ExclusiveCanonicalizerWithPrefixList("")

// canonicalContent returns the exclusive canonical form of root with its
// child at index sigIndex (the enveloped signature) removed: the bytes the
// Reference digests. root itself is not modified.
func canonicalContent(root *etree.Element, sigIndex int) ([]byte, error) {
	c := root.Copy()
	if sigIndex >= 0 {
		c.RemoveChildAt(sigIndex)
	}
	return excC14N.Canonicalize(c)
}

// canonicalSignedInfo returns the exclusive canonical form of a SignedInfo
// element in the namespace context of its place in the tree.
func canonicalSignedInfo(si *etree.Element) ([]byte, error) {
	ctx, err := etreeutils.NSBuildParentContext(si)
	if err != nil {
		return nil, err
	}
	detached, err := etreeutils.NSDetatch(ctx, si) // a copy
	if err != nil {
		return nil, err
	}
	return excC14N.Canonicalize(detached)
}

func sum256(b []byte) []byte {
	h := sha256.Sum256(b)
	return h[:]
}
