package exchange

import (
	"reflect"
	"slices"
	"strconv"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// The JSON Schema step in bounded time. A validator that walks a whole instance reports
// every failure it meets, so a hostile message earns a finding for each of its items:
// "Action":[{},{},…] gives several million findings from 16 MiB, each with its own
// error tree, and the counting, sorting and reporting of them costs minutes and
// gigabytes. Instead the step walks the instance itself, one object or array at a time,
// and asks the validator about each container with its children left out ("shallow"):
//
//   - an array's own keywords (type, minItems, maxItems) are checked before its items,
//     and an array longer than its schema's maxItems (an object with more members than
//     maxProperties) is refused without validating what it holds;
//   - items and members whose schemas look further down are walked the same way; the
//     rest (strings, numbers, arrays of them) are validated with their container, in
//     chunks for long arrays;
//   - the walk stops as soon as it holds more than MaxFindings findings.
//
// The findings are the validator's own, at the same paths with the same messages, so the
// outcome of a message with fewer than MaxFindings findings and no over-long array is
// what validating it whole gives (a test holds the two equal over the fixtures).

// schemaPlan is how the walk treats instances of one schema node; it is computed once
// per node of the compiled schema.
type schemaPlan struct {
	// shallow is the node with its deep children left out: deep properties and
	// additional properties accept anything and items are not checked. Nil when the
	// node cannot be split (it has keywords that look into children in other ways) and
	// instances are validated whole.
	shallow *jsonschema.Schema
	// members are the schemas of the deep members, walked one by one; additional is
	// additionalProperties when it is deep.
	members    map[string]*jsonschema.Schema
	additional *jsonschema.Schema
	// items is the items schema. When it is deep each item is walked; otherwise
	// itemsOnly, the node with its array bounds left out, validates the items in
	// chunks.
	items     *jsonschema.Schema
	itemsDeep bool
	itemsOnly *jsonschema.Schema
	// maxItems and maxProperties are the node's bounds, -1 when it has none.
	maxItems, maxProperties int
}

// itemsPerChunk is how many shallow items one validator call checks: enough that the
// call's own cost does not matter, few enough that a chunk's findings hardly overshoot
// MaxFindings.
const itemsPerChunk = 64

// schemaPlans holds the plan of every node reachable from a root.
type schemaPlans map[*jsonschema.Schema]*schemaPlan

// planSchema computes the plans of every node reachable from root. accept is a schema
// that accepts everything, put in place of the deep children.
func planSchema(root, accept *jsonschema.Schema) schemaPlans {
	plans := schemaPlans{}
	deep := map[*jsonschema.Schema]bool{}
	var visit func(s *jsonschema.Schema)
	visit = func(s *jsonschema.Schema) {
		s = resolveRef(s)
		if _, done := plans[s]; done {
			return
		}
		p := &schemaPlan{maxItems: -1, maxProperties: -1}
		plans[s] = p
		if s.MaxItems != nil {
			p.maxItems = *s.MaxItems
		}
		if s.MaxProperties != nil {
			p.maxProperties = *s.MaxProperties
		}
		if !splittable(s, deep) {
			return
		}
		shallow := *s
		if len(s.Properties) > 0 {
			shallow.Properties = make(map[string]*jsonschema.Schema, len(s.Properties))
			for name, sub := range s.Properties {
				if isDeep(sub, deep) {
					if p.members == nil {
						p.members = map[string]*jsonschema.Schema{}
					}
					p.members[name] = resolveRef(sub)
					shallow.Properties[name] = accept
					visit(sub)
				} else {
					shallow.Properties[name] = sub
				}
			}
		}
		if sub, ok := s.AdditionalProperties.(*jsonschema.Schema); ok && isDeep(sub, deep) {
			p.additional = resolveRef(sub)
			shallow.AdditionalProperties = accept
			visit(sub)
		}
		if s.Items2020 != nil {
			p.items = resolveRef(s.Items2020)
			p.itemsDeep = isDeep(s.Items2020, deep)
			if p.itemsDeep {
				visit(s.Items2020)
			} else {
				itemsOnly := *s
				itemsOnly.MinItems, itemsOnly.MaxItems = nil, nil
				p.itemsOnly = &itemsOnly
			}
			shallow.Items2020 = nil
		}
		p.shallow = &shallow
	}
	visit(root)
	return plans
}

// resolveRef follows a node that is nothing but a $ref to its target.
func resolveRef(s *jsonschema.Schema) *jsonschema.Schema {
	if r, ok := resolvedRefs.Load(s); ok {
		return r.(*jsonschema.Schema)
	}
	r := s
	for i := 0; i < 64 && r.Ref != nil && onlyRef(r); i++ {
		r = r.Ref
	}
	resolvedRefs.Store(s, r)
	return r
}

// resolvedRefs remembers resolveRef's answers. The walk asks for every value of every
// message, and the reflection of onlyRef was half the cost of the JSON Schema step.
// Compiled schemas never change, and only the nodes of the schemas this package
// compiles (the embedded one, and the one that accepts everything) are ever asked
// about, so the cache is bounded by their size.
var resolvedRefs sync.Map // *jsonschema.Schema → *jsonschema.Schema

// notKeywords are the fields of jsonschema.Schema that assert nothing about an instance:
// identity, annotations and the $ref itself.
var notKeywords = map[string]bool{
	"DraftVersion": true, "Location": true, "ID": true, "Anchor": true, "Ref": true,
	"DynamicAnchor": true, "RecursiveAnchor": true, "Title": true, "Description": true,
	"Default": true, "Comment": true, "ReadOnly": true, "WriteOnly": true,
	"Examples": true, "Deprecated": true,
}

// onlyRef reports whether s asserts nothing besides its $ref. Every other exported
// field is looked at, so a keyword added to the validator later makes the node opaque
// rather than silently skipped.
func onlyRef(s *jsonschema.Schema) bool {
	v := reflect.ValueOf(s).Elem()
	t := v.Type()
	for i := 0; i < t.NumField(); i++ {
		if f := t.Field(i); f.IsExported() && !notKeywords[f.Name] && !v.Field(i).IsZero() {
			return false
		}
	}
	return true
}

// splittable reports whether the walk may split s: every keyword that looks below the
// instance's own level is properties, additionalProperties or items, which the walk
// follows itself, and every other applicator only looks at this level.
func splittable(s *jsonschema.Schema, deep map[*jsonschema.Schema]bool) bool {
	if s.Bool != nil || s.Ref != nil || s.DynamicRef != nil || s.RecursiveRef != nil ||
		len(s.PatternProperties) > 0 || s.UnevaluatedProperties != nil ||
		len(s.DependentSchemas) > 0 || len(s.Dependencies) > 0 ||
		s.Items != nil || s.AdditionalItems != nil || len(s.PrefixItems) > 0 ||
		s.Contains != nil || s.UniqueItems || s.UnevaluatedItems != nil ||
		s.Items2020 != nil && (s.Enum != nil || s.Const != nil) {
		return false
	}
	for _, sub := range applicators(s) {
		if isDeep(sub, deep) {
			return false
		}
	}
	return true
}

// applicators lists the subschemas that apply to the instance itself.
func applicators(s *jsonschema.Schema) []*jsonschema.Schema {
	out := slices.Concat(s.AllOf, s.AnyOf, s.OneOf)
	for _, sub := range []*jsonschema.Schema{s.Not, s.If, s.Then, s.Else, s.PropertyNames, s.Ref} {
		if sub != nil {
			out = append(out, sub)
		}
	}
	return out
}

// isDeep reports whether s can look at anything below the instance's own level.
func isDeep(s *jsonschema.Schema, memo map[*jsonschema.Schema]bool) bool {
	if d, ok := memo[s]; ok {
		return d
	}
	memo[s] = true // a cycle can reach anywhere
	d := len(s.Properties) > 0 || len(s.PatternProperties) > 0 ||
		s.UnevaluatedProperties != nil || len(s.DependentSchemas) > 0 || len(s.Dependencies) > 0 ||
		s.Items != nil || s.AdditionalItems != nil || len(s.PrefixItems) > 0 || s.Items2020 != nil ||
		s.Contains != nil || s.UnevaluatedItems != nil || s.DynamicRef != nil || s.RecursiveRef != nil
	if sub, ok := s.AdditionalProperties.(*jsonschema.Schema); ok && !d {
		d = isDeep(sub, memo)
	}
	for _, sub := range applicators(s) {
		if d {
			break
		}
		d = sub != s.PropertyNames && isDeep(sub, memo)
	}
	memo[s] = d
	return d
}

// schemaWalk is the state of one walk: the findings so far and the path of the value
// being validated.
type schemaWalk struct {
	plans schemaPlans
	path  []string
	out   []Finding
	seen  map[string]bool
}

// full reports whether the walk can stop: it holds more findings than it may report,
// so the report will say that there are more.
func (w *schemaWalk) full() bool { return len(w.out) > MaxFindings }

// value validates x against s.
func (w *schemaWalk) value(s *jsonschema.Schema, x any) {
	if w.full() {
		return
	}
	s = resolveRef(s)
	p := w.plans[s]
	if p == nil || p.shallow == nil {
		w.validate(s, x, 0)
		return
	}
	switch x := x.(type) {
	case map[string]any:
		w.validate(p.shallow, x, 0)
		if p.members == nil && p.additional == nil || p.maxProperties >= 0 && len(x) > p.maxProperties {
			return // refused by maxProperties above: its members are not looked at
		}
		names := make([]string, 0, len(x))
		for name := range x {
			names = append(names, name)
		}
		slices.Sort(names) // the same findings, whichever are reported first
		for _, name := range names {
			sub, ok := p.members[name]
			if !ok {
				if _, declared := s.Properties[name]; declared {
					continue // validated with the object
				}
				sub = p.additional
			}
			if sub != nil {
				w.path = append(w.path, name)
				w.value(sub, x[name])
				w.path = w.path[:len(w.path)-1]
			}
		}
	case []any:
		w.validate(p.shallow, x, 0)
		if p.items == nil || p.maxItems >= 0 && len(x) > p.maxItems {
			return // refused by maxItems above: its items are not looked at
		}
		if !p.itemsDeep {
			for i := 0; i < len(x) && !w.full(); i += itemsPerChunk {
				w.validate(p.itemsOnly, x[i:min(i+itemsPerChunk, len(x))], i)
			}
			return
		}
		for i, item := range x {
			w.path = append(w.path, strconv.Itoa(i))
			w.value(p.items, item)
			w.path = w.path[:len(w.path)-1]
			if w.full() {
				return
			}
		}
	default:
		w.validate(s, x, 0)
	}
}

// validate runs the validator on x and records its findings under the walk's path.
// offset is added to the first step of their locations, for a chunk of an array that
// starts at that index.
func (w *schemaWalk) validate(s *jsonschema.Schema, x any, offset int) {
	err := s.Validate(x)
	if err == nil {
		return
	}
	loc := func(ptr []string) string {
		if offset != 0 && len(ptr) > 0 {
			if i, err := strconv.Atoi(ptr[0]); err == nil {
				ptr = slices.Concat([]string{strconv.Itoa(i + offset)}, ptr[1:])
			}
		}
		return pointer(slices.Concat(w.path, ptr))
	}
	w.out = appendSchemaFindings(w.out, err, loc, w.seen)
}
