package xsd

// Compiled schema components. After Compile returns they are never
// modified, which is what makes a *Schema safe for concurrent use.

type elementDecl struct {
	name     qname
	typ      typeDef
	nillable bool
	abstract bool
	fixed    *string
	deflt    *string
	fixedVal value
	idcs     []*idc
	head     qname          // substitutionGroup head, zero when none
	subst    []*elementDecl // members that may substitute for this element, transitively
	global   bool
	block    derivSet // substitutions (xsi:type, substitution group) refused
	final    derivSet // derivations refused for substitution group members
	node     *xnode
}

type attrDecl struct {
	name     qname
	typ      *simpleType
	fixed    *string
	deflt    *string
	fixedVal value
	defltVal value
}

type attrUse struct {
	decl     *attrDecl
	required bool
	fixed    *string // use-level fixed overrides the declaration's
	fixedVal value
}

// typeDef is *simpleType or *complexType.
type typeDef interface{ typeName() qname }

func (t *simpleType) typeName() qname  { return t.name }
func (t *complexType) typeName() qname { return t.name }

type contentKind uint8

const (
	contentEmpty contentKind = iota
	contentSimple
	contentElements
	contentMixed
)

type derivation uint8

const (
	derivNone derivation = iota
	derivExtension
	derivRestriction
)

type complexType struct {
	name       qname
	base       typeDef
	derivation derivation
	abstract   bool
	content    contentKind
	simple     *simpleType // contentSimple
	particle   *particle   // contentElements/contentMixed; nil means empty
	model      *automaton  // compiled from particle (nil for xs:all)
	all        *allModel
	attrs      map[qname]*attrUse
	attrOrder  []*attrUse
	anyAttr    *wildcard
	isAnyType  bool
	block      derivSet // methods by which xsi:type may not replace it
	final      derivSet // methods by which it may not be derived
	state      uint8    // compile progress: 0 new, 1 in progress, 2 done
	node       *xnode
}

type particleKind uint8

const (
	pkElement particleKind = iota
	pkWildcard
	pkSequence
	pkChoice
	pkAll
)

const unbounded = -1

type particle struct {
	kind     particleKind
	min, max int
	elem     *elementDecl
	wc       *wildcard
	kids     []*particle
	line     int
}

type processContents uint8

const (
	pcStrict processContents = iota
	pcLax
	pcSkip
)

// wildcard is a namespace constraint with its processContents.
type wildcard struct {
	any     bool
	not     bool            // "not" constraint: any namespace except these, never absent
	set     map[string]bool // namespaces allowed (any==false, not==false) or excluded (not)
	process processContents
}

func (w *wildcard) allows(ns string) bool {
	switch {
	case w.any:
		return true
	case w.not:
		return ns != "" && !w.set[ns]
	}
	return w.set[ns]
}

// identity constraint kinds
type idcKind uint8

const (
	idcUnique idcKind = iota
	idcKey
	idcKeyref
)

type idc struct {
	name     qname
	kind     idcKind
	selector *xpathExpr
	fields   []*xpathExpr
	refer    *idc // keyref
	referQ   qname
	line     int
	node     *xnode
}
