package translate

import (
	"fmt"
	"math/big"
)

// Schema is the translated view of a set of schema documents sharing one namespace.
type Schema struct {
	TargetNamespace string
	// Root is the only global element: the message root.
	Root         *Particle
	SimpleTypes  map[string]*SimpleType
	ComplexTypes map[string]*ComplexType
	Groups       map[string]*Group
}

// SimpleType is a named restriction of a built-in type.
type SimpleType struct {
	Name string
	Doc  string
	// Base is the local name of the built-in type restricted, e.g. "string" or "int".
	Base         string
	Pattern      string // in XSD regular-expression syntax; "" when there is none
	Enumeration  []string
	MinLength    *int
	MaxLength    *int
	MinInclusive *big.Int
	MaxInclusive *big.Int
	pos
}

// ComplexType is a named element-only content model without attributes.
type ComplexType struct {
	Name    string
	Doc     string
	Content *Particle // nil for an empty content model
	pos
}

// Group is a named model group.
type Group struct {
	Name    string
	Doc     string
	Content *Particle
	pos
}

// Kind says what a particle is.
type Kind int

const (
	KindElement Kind = iota + 1
	KindSequence
	KindChoice
	KindGroupRef
	KindAny
)

// Unbounded is the MaxOccurs of maxOccurs="unbounded".
const Unbounded = -1

// Particle is an element declaration, a model group, a group reference or the xs:any
// signature slot.
type Particle struct {
	Kind      Kind
	Name      string  // element name, or group name for KindGroupRef
	Type      TypeRef // elements only
	Namespace string  // KindAny only
	MinOccurs int
	MaxOccurs int // Unbounded for "unbounded"
	Particles []*Particle
	pos
}

// TypeRef names the type of an element: a built-in XSD type or a named type of the schema.
type TypeRef struct {
	Builtin bool
	Name    string // local name
}

func (t TypeRef) String() string {
	if t.Builtin {
		return "xs:" + t.Name
	}
	return t.Name
}

// pos locates a definition in its schema document.
type pos struct {
	File string
	Line int
}

func (p pos) unsupported(format string, args ...any) error {
	return &UnsupportedError{File: p.File, Line: p.Line, What: fmt.Sprintf(format, args...)}
}

func (p pos) invalid(format string, args ...any) error {
	return &SchemaError{File: p.File, Line: p.Line, What: fmt.Sprintf(format, args...)}
}
