package emit

import (
	"fmt"

	"github.com/dave/jennifer/jen"

	"github.com/hookgen/hookgen/generator/model"
)

// jsonKind names the JSON type a Go type expects, for "expected X" messages.
func jsonKind(r model.Ref) string {
	switch r.Kind {
	case model.Builtin:
		return map[string]string{"string": "string", "int64": "integer", model.Uint64Builtin: "integer", model.NumberBuiltin: "integer", "float64": "number", "bool": "boolean"}[r.Builtin]
	case model.Time:
		return "string"
	case model.Null:
		return "null"
	case model.Slice:
		return "array"
	case model.Map:
		return "object"
	case model.Named:
		switch r.Type.Kind {
		case model.Struct, model.Sum:
			return "object"
		case model.Union:
			return unionTypes(r.Type)
		case model.Tuple:
			return "array"
		default:
			return jsonKind(r.Type.Base)
		}
	}
	return "value"
}

// genScalarDecode prints decodeJSON for a named type over a builtin or raw
// JSON: it reads into the underlying type.
func genScalarDecode(f *jen.File, t *model.Type) {
	target := jen.Parens(jen.Op("*").Add(typeExpr(t.Base))).Parens(jen.Id("x"))
	f.Func().Params(receiver(t, true)).Id("decodeJSON").Params(decoderParams()...).Error().BlockFunc(func(g *jen.Group) {
		if known := knownStrings(t.Base, t); known != nil {
			g.Return(jen.Id("d").Dot(decReadKnownString).Call(jen.Id("p"), target, known))
			return
		}
		g.Return(jen.Id("d").Dot(readerName(t.Base)).Call(jen.Id("p"), target))
	})
}

// knownStrings lists the values a string is expected to take (an enum's
// constants or a const), for readKnownString; nil when there are none.
func knownStrings(r model.Ref, t *model.Type) jen.Code {
	if r.Kind != model.Builtin || r.Builtin != "string" {
		return nil
	}
	var values []jen.Code
	if t != nil && t.Kind == model.Enum {
		for _, v := range t.Values {
			values = append(values, jen.Lit(v.Value))
		}
	} else if r.Rules != nil {
		if c, ok := r.Rules.Const.(string); ok {
			values = append(values, jen.Lit(c))
		}
		if r.Rules.Enum != nil {
			for _, v := range *r.Rules.Enum {
				values = append(values, jen.Lit(v))
			}
		}
	}
	if len(values) == 0 {
		return nil
	}
	return jen.Index().String().Values(values...)
}

// genStructDecode prints the struct's decoder and the spec of its members:
//
//	func (x *T) decodeJSON(d *hkDecoder, p *hkPath) (err error) {
//		*x = T{}
//		m, fp := d.members(hkSpecT, seen[:]), p.field("")
//		for m.next(d, &fp, &err) {
//			switch m.i {
//			case 0:
//				err = d.readString(&fp, &x.ID)
//			}
//		}
//		return m.end(d, &fp, err)
//	}
//	var hkSpecT = hkStructSpec(names, required, closed)
//
// (hkUnevaluatedSpec(names, required) for a struct that
// unevaluatedProperties: false closes.)
//
// The iterator (templates/hookrt/members.go) matches the member names,
// skips the others and reports missing ones, so each field costs a line or
// two here. What it finds goes to the decoder's errors, never into the
// struct: Validate judges the exported fields alone.
func genStructDecode(f *jen.File, t *model.Type) {
	var names, required []jen.Code
	for i, fl := range t.Fields {
		names = append(names, jen.Lit(fl.JSONName))
		if fl.State.MustBePresent() {
			required = append(required, jen.Lit(i))
		}
	}
	spec := t.Spec
	seen := jen.Nil()
	if len(required) > 0 {
		seen = jen.Id("seen").Index(jen.Op(":"))
	}
	f.Func().Params(jen.Id("x").Op("*").Id(t.Name)).Id("decodeJSON").Params(decoderParams()...).Params(jen.Err().Error()).BlockFunc(func(g *jen.Group) {
		g.Op("*").Id("x").Op("=").Id(t.Name).Values()
		if len(required) > 0 {
			g.Var().Id("seen").Index(jen.Lit((len(t.Fields) + 63) / 64)).Uint64()
		}
		g.List(jen.Id("m"), jen.Id("fp")).Op(":=").List(
			jen.Id("d").Dot(decMembers).Call(jen.Id(spec), seen),
			jen.Id("p").Dot(pathField).Call(jen.Lit("")),
		)
		g.For(jen.Id("m").Dot(iterNext).Call(jen.Id("d"), jen.Op("&").Id("fp"), jen.Op("&").Err())).Block(
			jen.Switch(jen.Id("m").Dot(membersI)).BlockFunc(func(sw *jen.Group) {
				for i, fl := range t.Fields {
					sw.Case(jen.Lit(i)).BlockFunc(func(c *jen.Group) {
						genDecodeField(c, fl)
					})
				}
			}),
		)
		if t.Object != nil && t.Object.CountsExtra {
			// min/maxProperties count the members the struct does not
			// keep: only the decoder sees them.
			g.Err().Op("=").Id("m").Dot(membersEnd).Call(jen.Id("d"), jen.Op("&").Id("fp"), jen.Err())
			g.If(jen.Err().Op("==").Nil().Op("&&").Id("m").Dot(membersWhole).Call()).BlockFunc(func(b *jen.Group) {
				b.Id("e").Op(":=").Op("&").Id("d").Dot(decErrs)
				b.Id("e").Dot(errsMembersCounted).Op("=").True()
				b.Id("n").Op(":=").Id("m").Dot(membersExtra)
				genMemberCount(b, t)
			})
			g.Return(jen.Err())
			return
		}
		g.Return(jen.Id("m").Dot(membersEnd).Call(jen.Id("d"), jen.Op("&").Id("fp"), jen.Err()))
	})
	if t.Object != nil && t.Object.Unevaluated {
		f.Var().Id(spec).Op("=").Id(hkUnevaluatedSpec).Call(
			jen.Index().String().Values(names...),
			jen.Index().Int().Values(required...),
		)
		return
	}
	closed := t.Object != nil && t.Object.NoAdditional
	f.Var().Id(spec).Op("=").Id(hkStructSpec).Call(
		jen.Index().String().Values(names...),
		jen.Index().Int().Values(required...),
		jen.Lit(closed),
	)
}

// target is where a value is decoded: an addressable expression (val) or
// only a pointer to it (ptr), each made afresh per use since jennifer
// statements are mutable. An array element's pointer appends the element,
// so each path below uses the target exactly once.
type target struct {
	val func() *jen.Statement // nil when only a pointer is at hand
	ptr func() *jen.Statement
}

func addressable(val func() *jen.Statement) target {
	return target{val: val, ptr: func() *jen.Statement { return jen.Op("&").Add(val()) }}
}

func pointer(ptr func() *jen.Statement) target { return target{ptr: ptr} }

// receiverOf is the target as the receiver of a method call.
func (t target) receiverOf() *jen.Statement {
	if t.val != nil {
		return t.val()
	}
	return t.ptr()
}

// genDecodeField decodes a member into its field, by the field's state.
func genDecodeField(g *jen.Group, fl *model.Field) {
	field := addressable(func() *jen.Statement { return jen.Id("x").Dot(fl.Name) })
	value := addressable(func() *jen.Statement { return jen.Id("x").Dot(fl.Name).Dot(wrapValue) })
	p := path{name: "fp", value: true}
	if fl.Type.Kind == model.Raw {
		genDecodeValue(g, fl.Type, field, p, 0)
		return
	}
	switch fl.State {
	case model.Required:
		genDecodeValue(g, fl.Type, field, p, 0)
	case model.Optional:
		g.Id("x").Dot(fl.Name).Dot(wrapSet).Op("=").True()
		genDecodeValue(g, fl.Type, value, p, 0)
	case model.Nullable, model.OptionalNullable:
		if fl.State == model.OptionalNullable {
			g.Id("x").Dot(fl.Name).Dot(wrapSet).Op("=").True()
		}
		g.If(jen.Op("!").Id("d").Dot(decNullInto).Call(jen.Op("&").Id("x").Dot(fl.Name).Dot(wrapNull))).BlockFunc(func(b *jen.Group) {
			genDecodeValue(b, fl.Type, value, p, 0)
		})
	}
}

// genDecodeValue decodes the next JSON value into tgt, of type r (not
// nullable: callers handle null), at path pp. A syntax error goes to err,
// the decoder's result.
// depth keeps the iterators of nested arrays and maps apart.
func genDecodeValue(g *jen.Group, r model.Ref, tgt target, pp path, depth int) {
	p := pp.ptr()
	switch r.Kind {
	case model.Builtin, model.Time, model.Raw, model.Null:
		ptr := tgt.ptr()
		if r.StringType != "" {
			ptr = jen.Parens(jen.Op("*").String()).Parens(ptr)
		}
		if known := knownStrings(r, nil); known != nil {
			g.Err().Op("=").Id("d").Dot(decReadKnownString).Call(p, ptr, known)
			return
		}
		g.Err().Op("=").Id("d").Dot(readerName(r)).Call(p, ptr)
	case model.Named:
		if r.Type.Kind == model.Sum {
			lhs := jen.Op("*").Add(tgt.ptr())
			if tgt.val != nil {
				lhs = tgt.val()
			}
			g.List(lhs, jen.Err()).Op("=").Id(r.Type.DecodeFunc).Call(jen.Id("d"), p)
			return
		}
		if r.Pointer {
			// A struct that contains itself, held by pointer: allocate it.
			g.Add(tgt.val()).Op("=").New(jen.Id(r.Type.Name))
		}
		g.Err().Op("=").Add(tgt.receiverOf()).Dot(valueDecodeJSON).Call(jen.Id("d"), p)
	case model.Slice, model.Map:
		it, start := fmt.Sprintf("a%d", depth), hkArrayItems
		elemPath := path{name: fmt.Sprintf("ip%d", depth), value: true}
		first := pp.child("item", jen.Lit(0))
		if r.Kind == model.Map {
			it, start = fmt.Sprintf("o%d", depth), hkMapEntries
			elemPath.name = fmt.Sprintf("kp%d", depth)
			first = pp.child("field", jen.Lit(""))
		}
		g.For(
			jen.List(jen.Id(it), jen.Id(elemPath.name)).Op(":=").List(jen.Id(start).Call(tgt.ptr()), first),
			jen.Id(it).Dot(iterNext).Call(jen.Id("d"), elemPath.ptr(), jen.Op("&").Err()),
			jen.Empty(),
		).BlockFunc(func(loop *jen.Group) {
			if r.Kind == model.Map {
				genSkipUnmatched(loop, r, it, elemPath, pp) // keys.go
			}
			genDecodeElem(loop, *r.Elem, it, elemPath, depth+1)
		})
	}
}

// genDecodeElem decodes the current element of iterator it (an array
// element or map value, at path p), which may be Nullable[T].
func genDecodeElem(g *jen.Group, r model.Ref, it string, p path, depth int) {
	elem := func() *jen.Statement { return jen.Id(it).Dot(iterElem).Call() }
	if r.Nullable && r.Kind != model.Raw {
		e := fmt.Sprintf("e%d", depth)
		g.If(
			jen.Id(e).Op(":=").Add(elem()),
			jen.Op("!").Id("d").Dot(decNullInto).Call(jen.Op("&").Id(e).Dot(wrapNull)),
		).BlockFunc(func(b *jen.Group) {
			genDecodeValue(b, r, addressable(func() *jen.Statement { return jen.Id(e).Dot(wrapValue) }), p, depth)
		})
		return
	}
	genDecodeValue(g, r, pointer(elem), p, depth)
}

func readerName(r model.Ref) string {
	switch r.Kind {
	case model.Builtin:
		return map[string]string{"string": decReadString, "int64": decReadInt64, model.Uint64Builtin: decReadUint64, model.NumberBuiltin: decReadIntegerNumber, "float64": decReadFloat64, "bool": decReadBool}[r.Builtin]
	case model.Time:
		return decReadTime
	case model.Null:
		return decReadNull
	}
	return decReadRaw
}
