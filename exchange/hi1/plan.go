package hi1

import (
	"encoding/xml"
	"fmt"
	"reflect"
	"strings"
	"sync"
)

// fieldPlan is what the decoder and encoder know of one member of a model struct.
type fieldPlan struct {
	index []int
	names []xml.Name // the element, or the wrapper of a list; several for alternatives
	item  xml.Name   // the list item inside the wrapper
	wrap  bool
	any   bool // any element (a list of extensions, or a wrapper's items)
	req   bool
}

func (f *fieldPlan) matches(n *node) bool {
	if f.any && !f.wrap {
		return true
	}
	for _, name := range f.names {
		if name.Space == n.space && name.Local == n.local {
			return true
		}
	}
	return false
}

func (f *fieldPlan) itemMatches(n *node) bool {
	return f.any || f.item.Space == n.space && f.item.Local == n.local
}

var (
	plansMu       sync.Mutex
	plans         = map[reflect.Type][]fieldPlan{}
	extensionType = reflect.TypeFor[Extension]()
	objectType    = reflect.TypeFor[HI1Object]()
)

// planOf returns the member plans of struct type t, in declaration order, embedded
// structs flattened. The model is fixed, so a malformed tag is a programming error.
func planOf(t reflect.Type) []fieldPlan {
	plansMu.Lock()
	defer plansMu.Unlock()
	if p, ok := plans[t]; ok {
		return p
	}
	p := appendPlans(nil, t, nil)
	plans[t] = p
	return p
}

func appendPlans(out []fieldPlan, t reflect.Type, at []int) []fieldPlan {
	for i := range t.NumField() {
		f := t.Field(i)
		index := append(append([]int(nil), at...), i)
		if f.Anonymous && f.Type.Kind() == reflect.Struct {
			out = appendPlans(out, f.Type, index)
			continue
		}
		tag, ok := f.Tag.Lookup("hi1")
		if !ok {
			continue
		}
		spec, opts, _ := strings.Cut(tag, ",")
		p := fieldPlan{index: index}
		for _, o := range strings.Split(opts, ",") {
			switch o {
			case "req":
				p.req = true
			case "any":
				p.any = true
			}
		}
		outer, inner, wrapped := strings.Cut(spec, ">")
		if wrapped {
			p.wrap = true
			if inner != "" {
				p.item = qualified(inner)
			}
		}
		if outer != "" {
			for _, alt := range strings.Split(outer, "|") {
				p.names = append(p.names, qualified(alt))
			}
		}
		out = append(out, p)
	}
	return out
}

func qualified(s string) xml.Name {
	key, local, ok := strings.Cut(s, ":")
	ns, known := nsKeys[key]
	if !ok || !known {
		panic(fmt.Sprintf("hi1: bad model tag %q", s))
	}
	return xml.Name{Space: ns, Local: local}
}
