package emit

// The runtime contract: every identifier of templates/hookrt that the
// emitters name, in one list. The generated code calls the runtime by
// these names, so each must exist there with the owner given below;
// runtime_test.go parses templates/hookrt with go/parser and checks them
// all, and checks that no emitter spells a runtime name as a bare string.
// The model does not use this list: the names a schema type may not take
// are every package-level name the runtime declares, read from the
// runtime itself (model.RuntimeNames).

// Package-level names of the runtime.
const (
	// Exported: the field-state wrappers and the validation error.
	rtOptional         = "Optional"
	rtNullable         = "Nullable"
	rtOptionalNullable = "OptionalNullable"
	rtValidationError  = "ValidationError"
	rtProviderInfo     = "ProviderInfo"

	// Decoding (decoder.go, scan.go, members.go).
	hkDecoder    = "hkDecoder"
	hkPath       = "hkPath"
	hkStructSpec = "hkStructSpec"
	hkArrayItems = "hkArrayItems"
	hkMapEntries = "hkMapEntries"
	hkWellFormed = "hkWellFormed"
	hkKey        = "hkKey"

	// JSON kinds, as the decoder's peek returns them.
	hkObject = "hkObject"
	hkArray  = "hkArray"
	hkString = "hkString"
	hkNumber = "hkNumber"
	hkBool   = "hkBool"

	// Validation (errors.go, check.go).
	hkErrors      = "hkErrors"
	hkCheck       = "hkCheck"
	hkDuplicate   = "hkDuplicate"
	hkMultipleOf  = "hkMultipleOf"
	hkValidateRaw = "hkValidateRaw"

	// Encoding (encode.go).
	hkAppendArray  = "hkAppendArray"
	hkAppendBool   = "hkAppendBool"
	hkAppendFloat  = "hkAppendFloat"
	hkAppendInt    = "hkAppendInt"
	hkAppendUint   = "hkAppendUint"
	hkAppendNumber = "hkAppendNumber"
	hkAppendNull   = "hkAppendNull"
	hkAppendObject = "hkAppendObject"
	hkAppendRaw    = "hkAppendRaw"
	hkAppendString = "hkAppendString"
	hkAppendTime   = "hkAppendTime"

	// Schema tables and patterns (raw.go, pattern.go).
	hkSchema         = "hkSchema"
	hkPatternSchema  = "hkPatternSchema"
	hkNewSchema      = "hkNewSchema"
	hkCompilePattern = "hkCompilePattern"
	hkLiteral        = "hkLiteral"
	hkRat            = "hkRat"
	hkBoolPtr        = "hkBoolPtr"
	hkTNull          = "hkTNull"
	hkTBoolean       = "hkTBoolean"
	hkTObject        = "hkTObject"
	hkTArray         = "hkTArray"
	hkTNumber        = "hkTNumber"
	hkTString        = "hkTString"
	hkTInteger       = "hkTInteger"

	// Added with the merged shapes (numbers, tuples, assertions, sums).
	hkEntries          = "hkEntries"
	hkGrow             = "hkGrow"
	hkIsInteger        = "hkIsInteger"
	hkItems            = "hkItems"
	hkMatcher          = "hkMatcher"
	hkMembers          = "hkMembers"
	hkNumberCmp        = "hkNumberCmp"
	hkNumberMultipleOf = "hkNumberMultipleOf"
	hkTupleItems       = "hkTupleItems"
	hkTupleLen         = "hkTupleLen"
	hkValidateVariants = "hkValidateVariants"
	hkValue            = "hkValue"

	// unevaluatedProperties: false on a struct (members.go).
	hkUnevaluatedSpec = "hkUnevaluatedSpec"
)

// Fields and methods of runtime types.
const (
	// The field-state wrappers.
	wrapValue = "Value" // Optional, Nullable, OptionalNullable
	wrapSet   = "Set"   // Optional, OptionalNullable
	wrapNull  = "Null"  // Nullable, OptionalNullable

	// ValidationError and Violation.
	veViolations = "Violations"
	violPointer  = "Pointer"

	// hkDecoder's methods and fields.
	decMembers           = "members"
	decNullInto          = "nullInto"
	decReadKnownString   = "readKnownString"
	decReadString        = "readString"
	decReadInt64         = "readInt64"
	decReadUint64        = "readUint64"
	decReadIntegerNumber = "readIntegerNumber"
	decReadFloat64       = "readFloat64"
	decReadBool          = "readBool"
	decReadTime          = "readTime"
	decReadNull          = "readNull"
	decReadRaw           = "readRaw"
	decPeek              = "peek"
	decPeekPath          = "peekPath"
	decPeekMembers       = "peekMembers"
	decPeekTail          = "peekTail"
	decDiscriminator     = "discriminator"
	decDone              = "done"
	decFinish            = "finish"
	decMismatch          = "mismatch"
	decErrs              = "errs"
	decEnd               = "end"
	decData              = "data"

	// The member iterator (hkMembers) and the array and map iterators
	// (hkItems, hkEntries).
	iterNext     = "next"
	iterElem     = "elem"
	membersI     = "i"
	membersEnd   = "end"
	membersExtra = "extra"
	membersWhole = "whole"

	// The tuple iterator (hkTuple).
	tupleMissing    = "missing"
	tupleBeyondEach = "beyondEach"

	// hkPath.
	pathField = "field"
	pathItem  = "item"
	pathKey   = "key" // the member name of a map entry's path (keys.go)

	// hkDecoder.skip: reads past a value; hkEntries.drop: leaves the
	// current member out of the map (keys.go).
	decSkip     = "skip"
	entriesDrop = "drop"

	// hkErrors.
	errsAdd      = "add"
	errsAddf     = "addf"
	errsErr      = "err"
	errsList     = "list"
	errsSortFrom = "sortFrom"
	// The decoder's verdict, read by validation (refused pointers cover
	// what lies below them).
	errsMembersCounted = "membersCounted"
	errsRefusedWithin  = "refusedWithin"
	errsRefusedMember  = "refusedMember"

	// hkValue: the methods every generated type has, which the runtime
	// calls.
	valueDecodeJSON = "decodeJSON"
	valueValidate   = "validate"

	// hkMatcher: a compiled pattern.
	matcherMatchString = "MatchString"

	// ProviderInfo.
	piName              = "Name"
	piTitle             = "Title"
	piSigning           = "Signing"
	piSignatureHeader   = "SignatureHeader"
	piSignaturePrefix   = "SignaturePrefix"
	piSignatureEncoding = "SignatureEncoding"
	piEventHeader       = "EventHeader"
	piDiscriminator     = "Discriminator"
	piDeliveryID        = "DeliveryID"
	piDeliveryIDHeader  = "DeliveryIDHeader"

	// hkSchema's fields, which a schema table sets.
	sfAlways                = "always"
	sfRef                   = "ref"
	sfTypes                 = "types"
	sfEnum                  = "enum"
	sfConstant              = "constant"
	sfFormat                = "format"
	sfFormatKey             = "formatKey"
	sfMinimum               = "minimum"
	sfMaximum               = "maximum"
	sfExclusiveMinimum      = "exclusiveMinimum"
	sfExclusiveMaximum      = "exclusiveMaximum"
	sfMultipleOf            = "multipleOf"
	sfMinLength             = "minLength"
	sfMaxLength             = "maxLength"
	sfMinItems              = "minItems"
	sfMaxItems              = "maxItems"
	sfMinContains           = "minContains"
	sfMaxContains           = "maxContains"
	sfMinProperties         = "minProperties"
	sfMaxProperties         = "maxProperties"
	sfPattern               = "pattern"
	sfUniqueItems           = "uniqueItems"
	sfPrefixItems           = "prefixItems"
	sfItems                 = "items"
	sfContains              = "contains"
	sfAdditionalProperties  = "additionalProperties"
	sfPropertyNames         = "propertyNames"
	sfNot                   = "not"
	sfIf                    = "ifS"
	sfThen                  = "thenS"
	sfElse                  = "elseS"
	sfUnevaluatedProperties = "unevaluatedProperties"
	sfUnevaluatedItems      = "unevaluatedItems"
	sfRequired              = "required"
	sfProperties            = "properties"
	sfDependentSchemas      = "dependentSchemas"
	sfPatternProperties     = "patternProperties"
	sfDependentRequired     = "dependentRequired"
	sfAllOf                 = "allOf"
	sfAnyOf                 = "anyOf"
	sfOneOf                 = "oneOf"
)

// runtimeNames lists the package-level names above, for the contract test.
var runtimeNames = []string{
	rtOptional, rtNullable, rtOptionalNullable, rtValidationError, rtProviderInfo,
	hkDecoder, hkPath, hkStructSpec, hkArrayItems, hkMapEntries, hkWellFormed, hkKey,
	hkObject, hkArray, hkString, hkNumber, hkBool,
	hkErrors, hkCheck, hkDuplicate, hkMultipleOf, hkValidateRaw,
	hkAppendArray, hkAppendBool, hkAppendFloat, hkAppendInt, hkAppendUint, hkAppendNumber, hkAppendNull, hkAppendObject, hkAppendRaw, hkAppendString, hkAppendTime,
	hkSchema, hkPatternSchema, hkNewSchema, hkCompilePattern, hkLiteral, hkRat, hkBoolPtr,
	hkTNull, hkTBoolean, hkTObject, hkTArray, hkTNumber, hkTString, hkTInteger,
	hkEntries, hkGrow, hkIsInteger, hkItems, hkMatcher, hkMembers, hkNumberCmp, hkNumberMultipleOf, hkTupleItems, hkTupleLen, hkValidateVariants, hkValue,
	hkUnevaluatedSpec,
}

// runtimeMember is a field or method name and the runtime types that
// have it.
type runtimeMember struct {
	name   string
	owners []string
}

// runtimeMembers lists the fields and methods above with their owners,
// for the contract test.
var runtimeMembers = []runtimeMember{
	{wrapValue, []string{rtOptional, rtNullable, rtOptionalNullable}},
	{wrapSet, []string{rtOptional, rtOptionalNullable}},
	{wrapNull, []string{rtNullable, rtOptionalNullable}},
	{veViolations, []string{rtValidationError}},
	{violPointer, []string{"Violation"}},
	{decMembers, []string{hkDecoder}},
	{decNullInto, []string{hkDecoder}},
	{decReadKnownString, []string{hkDecoder}},
	{decReadString, []string{hkDecoder}},
	{decReadInt64, []string{hkDecoder}},
	{decReadUint64, []string{hkDecoder}},
	{decReadIntegerNumber, []string{hkDecoder}},
	{decReadFloat64, []string{hkDecoder}},
	{decReadBool, []string{hkDecoder}},
	{decReadTime, []string{hkDecoder}},
	{decReadNull, []string{hkDecoder}},
	{decReadRaw, []string{hkDecoder}},
	{decPeek, []string{hkDecoder}},
	{decPeekPath, []string{hkDecoder}},
	{decPeekMembers, []string{hkDecoder}},
	{decPeekTail, []string{hkDecoder}},
	{decDiscriminator, []string{hkDecoder}},
	{decDone, []string{hkDecoder}},
	{decFinish, []string{hkDecoder}},
	{decMismatch, []string{hkDecoder}},
	{decErrs, []string{hkDecoder}},
	{decEnd, []string{hkDecoder}},
	{decData, []string{hkDecoder}},
	{iterNext, []string{"hkMembers", "hkItems", "hkEntries"}},
	{iterElem, []string{"hkItems", "hkEntries"}},
	{membersI, []string{"hkMembers"}},
	{membersEnd, []string{"hkMembers"}},
	{membersExtra, []string{"hkMembers"}},
	{membersWhole, []string{"hkMembers"}},
	{tupleMissing, []string{"hkTuple"}},
	{tupleBeyondEach, []string{"hkTuple"}},
	{pathField, []string{hkPath}},
	{pathItem, []string{hkPath}},
	{pathKey, []string{hkPath}},
	{decSkip, []string{hkDecoder}},
	{entriesDrop, []string{"hkEntries"}},
	{errsAdd, []string{hkErrors}},
	{errsAddf, []string{hkErrors}},
	{errsErr, []string{hkErrors}},
	{errsList, []string{hkErrors}},
	{errsSortFrom, []string{hkErrors}},
	{errsMembersCounted, []string{hkErrors}},
	{errsRefusedWithin, []string{hkErrors}},
	{errsRefusedMember, []string{hkErrors}},
	{valueDecodeJSON, []string{"hkValue"}},
	{valueValidate, []string{"hkValue"}},
	{matcherMatchString, []string{"hkMatcher"}},
	{piName, []string{rtProviderInfo}},
	{piTitle, []string{rtProviderInfo}},
	{piSigning, []string{rtProviderInfo}},
	{piSignatureHeader, []string{rtProviderInfo}},
	{piSignaturePrefix, []string{rtProviderInfo}},
	{piSignatureEncoding, []string{rtProviderInfo}},
	{piEventHeader, []string{rtProviderInfo}},
	{piDiscriminator, []string{rtProviderInfo}},
	{piDeliveryID, []string{rtProviderInfo}},
	{piDeliveryIDHeader, []string{rtProviderInfo}},
	{sfAlways, []string{hkSchema}},
	{sfRef, []string{hkSchema}},
	{sfTypes, []string{hkSchema}},
	{sfEnum, []string{hkSchema}},
	{sfConstant, []string{hkSchema}},
	{sfFormat, []string{hkSchema}},
	{sfFormatKey, []string{hkSchema}},
	{sfMinimum, []string{hkSchema}},
	{sfMaximum, []string{hkSchema}},
	{sfExclusiveMinimum, []string{hkSchema}},
	{sfExclusiveMaximum, []string{hkSchema}},
	{sfMultipleOf, []string{hkSchema}},
	{sfMinLength, []string{hkSchema}},
	{sfMaxLength, []string{hkSchema}},
	{sfMinItems, []string{hkSchema}},
	{sfMaxItems, []string{hkSchema}},
	{sfMinContains, []string{hkSchema}},
	{sfMaxContains, []string{hkSchema}},
	{sfMinProperties, []string{hkSchema}},
	{sfMaxProperties, []string{hkSchema}},
	{sfPattern, []string{hkSchema}},
	{sfUniqueItems, []string{hkSchema}},
	{sfPrefixItems, []string{hkSchema}},
	{sfItems, []string{hkSchema}},
	{sfContains, []string{hkSchema}},
	{sfAdditionalProperties, []string{hkSchema}},
	{sfPropertyNames, []string{hkSchema}},
	{sfNot, []string{hkSchema}},
	{sfIf, []string{hkSchema}},
	{sfThen, []string{hkSchema}},
	{sfElse, []string{hkSchema}},
	{sfUnevaluatedProperties, []string{hkSchema}},
	{sfUnevaluatedItems, []string{hkSchema}},
	{sfRequired, []string{hkSchema}},
	{sfProperties, []string{hkSchema}},
	{sfDependentSchemas, []string{hkSchema}},
	{sfPatternProperties, []string{hkSchema}},
	{sfDependentRequired, []string{hkSchema}},
	{sfAllOf, []string{hkSchema}},
	{sfAnyOf, []string{hkSchema}},
	{sfOneOf, []string{hkSchema}},
}
