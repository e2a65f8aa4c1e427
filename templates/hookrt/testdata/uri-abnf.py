"""The grammars of RFC 3986 (URI, URI-reference), RFC 3987 (IRI,
IRI-reference) and RFC 6570 (URI Template, without the operators the RFC
reserves) as Python regular expressions, written from the ABNF alone: an
independent reading of the same grammar that hookgen's checkers
(format_uri.go) are compared with in uri-abnf.txt.

Usage: python3 uri-abnf.py < strings.json   (a JSON list of strings)
prints a JSON list of [string, uri, uri-reference, iri, iri-reference,
uri-template] verdicts.
"""
import json
import sys
import re
def build(iri):
    ALPHA="A-Za-z"; DIGIT="0-9"; HEX="0-9A-Fa-f"
    ucs = (r"\u00A0-\uD7FF\uF900-\uFDCF\uFDF0-\uFFEF"
           + "".join("%s-%s" % (chr(p*0x10000), chr(p*0x10000+0xFFFD)) for p in range(1,14))
           + "%s-%s" % (chr(0xE1000), chr(0xEFFFD))) if iri else ""
    priv = (r"\uE000-\uF8FF" + "%s-%s%s-%s" % (chr(0xF0000),chr(0xFFFFD),chr(0x100000),chr(0x10FFFD))) if iri else ""
    unres = "[%s%s\\-._~%s]" % (ALPHA, DIGIT, ucs)
    pct = "%%[%s][%s]" % (HEX, HEX)
    sub = "[!$&'()*+,;=]"
    pchar = "(?:%s|%s|%s|[:@])" % (unres, pct, sub)
    seg = pchar + "*"; segnz = pchar + "+"
    segnznc = "(?:%s|%s|%s|@)+" % (unres, pct, sub)
    dec = "(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])"
    v4 = "%s\\.%s\\.%s\\.%s" % (dec,dec,dec,dec)
    h16 = "[%s]{1,4}" % HEX
    ls32 = "(?:%s:%s|%s)" % (h16,h16,v4)
    v6 = "(?:" + "|".join([
        "(?:%s:){6}%s" % (h16,ls32),
        "::(?:%s:){5}%s" % (h16,ls32),
        "(?:%s)?::(?:%s:){4}%s" % (h16,h16,ls32),
        "(?:(?:%s:){0,1}%s)?::(?:%s:){3}%s" % (h16,h16,h16,ls32),
        "(?:(?:%s:){0,2}%s)?::(?:%s:){2}%s" % (h16,h16,h16,ls32),
        "(?:(?:%s:){0,3}%s)?::%s:%s" % (h16,h16,h16,ls32),
        "(?:(?:%s:){0,4}%s)?::%s" % (h16,h16,ls32),
        "(?:(?:%s:){0,5}%s)?::%s" % (h16,h16,h16),
        "(?:(?:%s:){0,6}%s)?::" % (h16,h16)]) + ")"
    vfut = "[vV][%s]+\\.(?:[%s%s\\-._~]|%s|:)+" % (HEX, ALPHA, DIGIT, sub)
    iplit = "\\[(?:%s|%s)\\]" % (v6, vfut)
    regname = "(?:%s|%s|%s)*" % (unres, pct, sub)
    host = "(?:%s|%s|%s)" % (iplit, v4, regname)
    userinfo = "(?:%s|%s|%s|:)*" % (unres, pct, sub)
    auth = "(?:%s@)?%s(?::[0-9]*)?" % (userinfo, host)
    pabempty = "(?:/%s)*" % seg
    pabs = "/(?:%s(?:/%s)*)?" % (segnz, seg)
    prootless = "%s(?:/%s)*" % (segnz, seg)
    pnoscheme = "%s(?:/%s)*" % (segnznc, seg)
    hier = "(?://%s%s|%s|%s|)" % (auth, pabempty, pabs, prootless)
    rel = "(?://%s%s|%s|%s|)" % (auth, pabempty, pabs, pnoscheme)
    query = "(?:%s|[/?%s])*" % (pchar, priv)
    frag = "(?:%s|[/?])*" % pchar
    scheme = "[%s][%s%s+\\-.]*" % (ALPHA, ALPHA, DIGIT)
    uri = "%s:%s(?:\\?%s)?(?:#%s)?" % (scheme, hier, query, frag)
    relref = "%s(?:\\?%s)?(?:#%s)?" % (rel, query, frag)
    return re.compile("(?:%s)\\Z" % uri, re.S), re.compile("(?:%s|%s)\\Z" % (uri, relref), re.S)


U, UR = build(False)
I, IR = build(True)

ucs = (r"\u00A0-\uD7FF\uF900-\uFDCF\uFDF0-\uFFEF" + "".join("%s-%s" % (chr(p*0x10000), chr(p*0x10000+0xFFFD)) for p in range(1,14)) + "%s-%s" % (chr(0xE1000), chr(0xEFFFD)))
priv = r"\uE000-\uF8FF" + "%s-%s%s-%s" % (chr(0xF0000),chr(0xFFFFD),chr(0x100000),chr(0x10FFFD))
pct = "%[0-9A-Fa-f][0-9A-Fa-f]"
lit = "(?:[\\x21\\x23\\x24\\x26-\\x3B\\x3D\\x3F-\\x5B\\x5D\\x5F\\x61-\\x7A\\x7E%s%s]|%s)" % (ucs, priv, pct)
varchar = "(?:[A-Za-z0-9_]|%s)" % pct
varname = "%s(?:\\.?%s)*" % (varchar, varchar)
varspec = "%s(?::[1-9][0-9]{0,3}|\\*)?" % varname
expr = "\\{[+#./;?&]?%s(?:,%s)*\\}" % (varspec, varspec)
T = re.compile("(?:%s|%s)*\\Z" % (lit, expr), re.S)

if __name__ == "__main__":
    out = []
    for s in json.load(sys.stdin):
        out.append([s] + [bool(r.match(s)) for r in (U, UR, I, IR, T)])
    json.dump(out, sys.stdout, ensure_ascii=False)
