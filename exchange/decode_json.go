package exchange

import (
	"encoding/json"
	"errors"
	"reflect"
	"strconv"
	"strings"
	"sync"
)

// The JSON model decoder. The schema step has already parsed the message into a value
// tree (parseJSONTree), so the model is filled from that tree through a plan computed
// once per type, instead of parsing the bytes a second time with encoding/json. It
// follows encoding/json's rules for the subset the model uses — members matched to
// fields by their exact names, embedded structs, pointers, slices, strings, integers and
// booleans, null leaving a value alone or clearing a pointer — and gives up on anything
// else (a member name that only matches case-insensitively, a type mismatch, an integer
// out of range): the caller then runs encoding/json, which also writes the error.

// jsonPlan maps member names to field index paths for one struct type.
type jsonPlan map[string][]int

var (
	jsonPlansOnce sync.Once
	jsonPlans     map[reflect.Type]jsonPlan // nil when the model is outside the subset

	errFastJSONUnsupported = errors.New("exchange: message outside the fast JSON decoder's subset")
	jsonUnmarshalerType    = reflect.TypeFor[json.Unmarshaler]()
)

func modelJSONPlans() map[reflect.Type]jsonPlan {
	jsonPlansOnce.Do(func() {
		plans := map[reflect.Type]jsonPlan{}
		if planJSON(reflect.TypeFor[Header](), plans) && planJSON(reflect.TypeFor[Payload](), plans) {
			jsonPlans = plans
		}
	})
	return jsonPlans
}

func planJSON(t reflect.Type, plans map[reflect.Type]jsonPlan) bool {
	for _, u := range []reflect.Type{jsonUnmarshalerType, textUnmarshalerType} {
		if t.Implements(u) || reflect.PointerTo(t).Implements(u) {
			return false
		}
	}
	switch t.Kind() {
	case reflect.String, reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return true
	case reflect.Pointer:
		return t.Elem().Kind() != reflect.Pointer && planJSON(t.Elem(), plans)
	case reflect.Slice:
		return t.Elem().Kind() != reflect.Uint8 && planJSON(t.Elem(), plans)
	case reflect.Struct:
		if _, done := plans[t]; done {
			return true
		}
		p := jsonPlan{}
		plans[t] = p
		return addJSONFields(t, nil, p, plans)
	}
	return false
}

func addJSONFields(t reflect.Type, at []int, p jsonPlan, plans map[reflect.Type]jsonPlan) bool {
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		index := append(append([]int(nil), at...), i)
		tag := f.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		if f.Anonymous && name == "" {
			if f.Type.Kind() != reflect.Struct || !addJSONFields(f.Type, index, p, plans) {
				return false
			}
			continue
		}
		if !f.IsExported() {
			continue
		}
		if opts != "" && opts != "omitempty" {
			return false
		}
		if name == "" {
			name = f.Name
		}
		if _, dup := p[name]; dup {
			return false // encoding/json's rules for conflicting names are not repeated here
		}
		p[name] = index
		if !planJSON(f.Type, plans) {
			return false
		}
	}
	return true
}

// messageFromTree fills a Message from the value tree of its JSON encoding.
func messageFromTree(tree any) (*Message, error) {
	plans := modelJSONPlans()
	top, ok := tree.(map[string]any)
	if plans == nil || !ok {
		return nil, errFastJSONUnsupported
	}
	var m Message
	d := treeDecoder{plans: plans}
	for k, x := range top {
		var err error
		switch k {
		case "Header":
			err = d.pointerTo(reflect.ValueOf(&m.Header).Elem(), x)
		case "Payload":
			err = d.pointerTo(reflect.ValueOf(&m.Payload).Elem(), x)
		case "Signature":
			// The signature belongs to the encoding, not to the model.
		default:
			err = errFastJSONUnsupported
		}
		if err != nil {
			return nil, err
		}
	}
	return &m, nil
}

type treeDecoder struct {
	plans map[reflect.Type]jsonPlan
}

// pointerTo decodes x into v, which the envelope reaches through a pointer: a null there
// clears the pointer and leaves v alone.
func (d treeDecoder) pointerTo(v reflect.Value, x any) error {
	if x == nil {
		return nil
	}
	return d.value(v, x)
}

func (d treeDecoder) value(v reflect.Value, x any) error {
	if x == nil {
		switch v.Kind() {
		case reflect.Pointer, reflect.Slice:
			v.SetZero()
		}
		return nil // null into a string, number, boolean or struct changes nothing
	}
	if v.Kind() == reflect.Pointer {
		if v.IsNil() {
			v.Set(reflect.New(v.Type().Elem()))
		}
		v = v.Elem()
	}
	switch v.Kind() {
	case reflect.Struct:
		obj, ok := x.(map[string]any)
		if !ok {
			return errFastJSONUnsupported
		}
		p := d.plans[v.Type()]
		for k, member := range obj {
			index, ok := p[k]
			if !ok {
				return errFastJSONUnsupported
			}
			if err := d.value(v.FieldByIndex(index), member); err != nil {
				return err
			}
		}
	case reflect.Slice:
		arr, ok := x.([]any)
		if !ok {
			return errFastJSONUnsupported
		}
		s := reflect.MakeSlice(v.Type(), len(arr), len(arr))
		for i, item := range arr {
			if err := d.value(s.Index(i), item); err != nil {
				return err
			}
		}
		v.Set(s)
	case reflect.String:
		s, ok := x.(string)
		if !ok {
			return errFastJSONUnsupported
		}
		v.SetString(s)
	case reflect.Bool:
		b, ok := x.(bool)
		if !ok {
			return errFastJSONUnsupported
		}
		v.SetBool(b)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		n, ok := x.(json.Number)
		if !ok {
			return errFastJSONUnsupported
		}
		i, err := strconv.ParseInt(string(n), 10, 64)
		if err != nil || v.OverflowInt(i) {
			return errFastJSONUnsupported
		}
		v.SetInt(i)
	default:
		return errFastJSONUnsupported
	}
	return nil
}
