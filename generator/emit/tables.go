package emit

import (
	"fmt"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/hookgen/hookgen/generator/model"
)

// genTables prints the compiled patterns and the schema tables:
//
//	var hkPattern0 = regexp.MustCompile("^...$")
//	var hkTable0 hkSchema
//	func init() { hkTable0 = hkNewSchema(); hkTable0.types = hkTString; ... }
//
// Tables are filled in init, field by field, so that tables may refer to
// each other in cycles ($ref recursion).
func genTables(pkg *model.Package) *jen.File {
	f := newFile(pkg, "")
	if len(pkg.Patterns) > 0 {
		f.Comment("// Patterns of the schemas, compiled once.")
		f.Var().DefsFunc(func(g *jen.Group) {
			for _, p := range pkg.Patterns {
				g.Id(p.Var).Op("=").Id(hkCompilePattern).Call(jen.Lit(p.Source))
			}
		})
	}
	if len(pkg.Tables) == 0 {
		return f
	}
	f.Comment("// Schema tables of the values kept as raw JSON, interpreted by hkValidateRaw.")
	f.Var().DefsFunc(func(g *jen.Group) {
		for _, t := range pkg.Tables {
			g.Id(t.Var).Id(hkSchema).Comment(lineComment(strings.TrimPrefix(t.Key, "file:///")))
		}
	})
	f.Func().Id("init").Params().BlockFunc(func(g *jen.Group) {
		for _, t := range pkg.Tables {
			genTable(g, t)
		}
	})
	return f
}

func genTable(g *jen.Group, t *model.RawSchema) {
	g.Id(t.Var).Op("=").Id(hkNewSchema).Call()
	set := func(field string, value jen.Code) {
		g.Id(t.Var).Dot(field).Op("=").Add(value)
	}
	ref := func(s *model.RawSchema) jen.Code { return jen.Op("&").Id(s.Var) }
	refs := func(list []*model.RawSchema) jen.Code {
		return jen.Index().Op("*").Id(hkSchema).ValuesFunc(func(g *jen.Group) {
			for _, s := range list {
				g.Add(ref(s))
			}
		})
	}
	if t.Always != nil {
		set(sfAlways, jen.Id(hkBoolPtr).Call(jen.Lit(*t.Always)))
		return
	}
	if t.Ref != nil {
		set(sfRef, ref(t.Ref))
	}
	if len(t.Types) > 0 {
		var bits []jen.Code
		for _, ty := range t.Types {
			bits = append(bits, jen.Id(typeBit(ty)))
		}
		expr := jen.Add(bits[0])
		for _, b := range bits[1:] {
			expr = expr.Op("|").Add(b)
		}
		set(sfTypes, expr)
	}
	if t.Enum != nil {
		set(sfEnum, jen.Index().Any().ValuesFunc(func(g *jen.Group) {
			for _, e := range t.Enum {
				g.Id(hkLiteral).Call(jen.Lit(e))
			}
		}))
	}
	if t.Const != nil {
		set(sfConstant, jen.Index().Any().Values(jen.Id(hkLiteral).Call(jen.Lit(*t.Const))))
	}
	if t.Format != "" {
		set(sfFormat, jen.Id(t.Format))
		set(sfFormatKey, jen.Lit(t.FormatName))
	}
	for _, n := range []struct {
		field string
		bound *model.Number
	}{{sfMinimum, t.Minimum}, {sfMaximum, t.Maximum}, {sfExclusiveMinimum, t.ExclusiveMinimum}, {sfExclusiveMaximum, t.ExclusiveMaximum}, {sfMultipleOf, t.MultipleOf}} {
		if n.bound != nil {
			set(n.field, jen.Id(hkRat).Call(jen.Lit(n.bound.Literal)))
		}
	}
	for _, n := range []struct {
		field        string
		value, unset int
	}{{sfMinLength, t.MinLength, -1}, {sfMaxLength, t.MaxLength, -1}, {sfMinItems, t.MinItems, -1}, {sfMaxItems, t.MaxItems, -1},
		{sfMinContains, t.MinContains, 1}, {sfMaxContains, t.MaxContains, -1}, {sfMinProperties, t.MinProperties, -1}, {sfMaxProperties, t.MaxProperties, -1}} {
		if n.value != n.unset {
			set(n.field, jen.Lit(n.value))
		}
	}
	if t.Pattern != nil {
		set(sfPattern, jen.Id(t.Pattern.Var))
	}
	if t.UniqueItems {
		set(sfUniqueItems, jen.True())
	}
	if t.PrefixItems != nil {
		set(sfPrefixItems, refs(t.PrefixItems))
	}
	for _, s := range []struct {
		field  string
		schema *model.RawSchema
	}{{sfItems, t.Items}, {sfContains, t.Contains}, {sfAdditionalProperties, t.AdditionalProperties}, {sfPropertyNames, t.PropertyNames},
		{sfNot, t.Not}, {sfIf, t.If}, {sfThen, t.Then}, {sfElse, t.Else},
		{sfUnevaluatedProperties, t.UnevaluatedProperties}, {sfUnevaluatedItems, t.UnevaluatedItems}} {
		if s.schema != nil {
			set(s.field, ref(s.schema))
		}
	}
	if t.Required != nil {
		set(sfRequired, jen.Index().String().ValuesFunc(func(g *jen.Group) {
			for _, r := range t.Required {
				g.Lit(r)
			}
		}))
	}
	members := func(field string, list []model.RawMember) {
		if list == nil {
			return
		}
		set(field, jen.Map(jen.String()).Op("*").Id(hkSchema).Values(jen.DictFunc(func(d jen.Dict) {
			for _, m := range list {
				d[jen.Lit(m.Name)] = ref(m.Schema)
			}
		})))
	}
	members(sfProperties, t.Properties)
	members(sfDependentSchemas, t.DependentSchemas)
	if t.PatternProperties != nil {
		set(sfPatternProperties, jen.Index().Id(hkPatternSchema).ValuesFunc(func(g *jen.Group) {
			for _, pp := range t.PatternProperties {
				g.Values(jen.Id(pp.Pattern.Var), ref(pp.Schema))
			}
		}))
	}
	if t.DependentRequired != nil {
		set(sfDependentRequired, jen.Map(jen.String()).Index().String().Values(jen.DictFunc(func(d jen.Dict) {
			for _, dep := range t.DependentRequired {
				d[jen.Lit(dep.If)] = jen.Index().String().ValuesFunc(func(g *jen.Group) {
					for _, n := range dep.Then {
						g.Lit(n)
					}
				})
			}
		})))
	}
	for _, s := range []struct {
		field string
		list  []*model.RawSchema
	}{{sfAllOf, t.AllOf}, {sfAnyOf, t.AnyOf}, {sfOneOf, t.OneOf}} {
		if s.list != nil {
			set(s.field, refs(s.list))
		}
	}
}

func typeBit(name string) string {
	bit, ok := map[string]string{"null": hkTNull, "boolean": hkTBoolean, "object": hkTObject, "array": hkTArray,
		"number": hkTNumber, "string": hkTString, "integer": hkTInteger}[name]
	if !ok {
		panic(fmt.Sprintf("unknown type %q", name))
	}
	return bit
}
