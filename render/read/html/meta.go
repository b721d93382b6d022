package html

import (
	"encoding/json"
	"net/url"
	"regexp"
	"strings"
	"time"

	readability "codeberg.org/readeck/go-readability/v2"
	"github.com/itlightning/dateparse"
	xhtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/offprint/offprint/render"
)

// pageMeta is what a page says about itself, outside its text: the
// fallback wherever Readability found nothing, and all there is for a
// fragment that is not extracted.
type pageMeta struct {
	lang, dir   string
	title       string              // <title>
	metas       map[string][]string // <meta> content by lower-case name or property, in page order
	ld          ldMeta
	canonical   string
	base        string
	contentLang string // <meta http-equiv="content-language">
}

// ldMeta holds the fields of the page's JSON-LD article object.
type ldMeta struct {
	headline, date, publisher, lang, description string
	authors                                      []string
}

func collectMeta(root *xhtml.Node) *pageMeta {
	m := &pageMeta{metas: map[string][]string{}}
	walk(root, func(n *xhtml.Node) bool {
		if n.Type != xhtml.ElementNode {
			return true
		}
		switch n.DataAtom {
		case atom.Html:
			m.lang = attr(n, "lang")
			if m.lang == "" {
				m.lang = attr(n, "xml:lang")
			}
			m.dir = strings.ToLower(attr(n, "dir"))
		case atom.Body:
			if m.dir == "" {
				m.dir = strings.ToLower(attr(n, "dir"))
			}
		case atom.Title:
			if m.title == "" && !inside(n, atom.Svg) {
				m.title = collapse(textOf(n))
			}
			return false
		case atom.Base:
			if m.base == "" {
				m.base = strings.TrimSpace(attr(n, "href"))
			}
		case atom.Link:
			if m.canonical == "" && hasToken(attr(n, "rel"), "canonical") {
				m.canonical = strings.TrimSpace(attr(n, "href"))
			}
		case atom.Meta:
			content := strings.TrimSpace(xhtml.UnescapeString(attr(n, "content")))
			if content == "" {
				return false
			}
			if strings.EqualFold(attr(n, "http-equiv"), "content-language") {
				m.contentLang = content
			}
			for _, key := range []string{attr(n, "property"), attr(n, "name"), attr(n, "itemprop")} {
				for _, k := range strings.Fields(strings.ToLower(key)) {
					m.metas[k] = append(m.metas[k], content)
				}
			}
			return false
		case atom.Script:
			if strings.Contains(strings.ToLower(attr(n, "type")), "ld+json") {
				m.ld.merge(textOf(n))
			}
			return false
		case atom.Style, atom.Template:
			return false
		}
		return true
	})
	return m
}

func (m *pageMeta) first(keys ...string) string {
	for _, k := range keys {
		for _, v := range m.metas[k] {
			if v = collapse(v); v != "" {
				return v
			}
		}
	}
	return ""
}

// source is the page's own address: its canonical link, else og:url.
func (m *pageMeta) source() string {
	for _, s := range []string{m.canonical, m.first("og:url")} {
		if u, err := url.Parse(s); err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" {
			return u.String()
		}
	}
	return ""
}

// baseURL is what relative links and images resolve against: <base href>
// (itself resolved against the page's address), else the page's address.
func (m *pageMeta) baseURL() *url.URL {
	var page *url.URL
	if s := m.source(); s != "" {
		page, _ = url.Parse(s)
	}
	if m.base != "" {
		if b, err := url.Parse(m.base); err == nil {
			if page != nil {
				b = page.ResolveReference(b)
			}
			if (b.Scheme == "http" || b.Scheme == "https") && b.Host != "" {
				return b
			}
		}
	}
	return page
}

// meta builds the masthead: Readability's findings first, the page's own
// metadata where it has none.
func (m *pageMeta) meta(a *readability.Article) render.Meta {
	var out render.Meta
	var byline, published string
	if a != nil {
		out.Title = collapse(a.Title())
		byline = a.Byline()
		out.Lang = normLang(a.Language())
		out.SiteName = collapse(a.SiteName())
		out.Description = collapse(a.Excerpt())
	}
	if out.SiteName == "" {
		out.SiteName = firstOf(m.first("og:site_name", "application-name", "dc.publisher", "citation_publisher"), m.ld.publisher)
	}
	if out.Title == "" {
		out.Title = firstOf(m.first("og:title", "dc.title", "dcterms.title", "citation_title", "twitter:title", "parsely-title"), m.ld.headline, trimSiteName(m.title, out.SiteName))
	}
	authors := splitByline(byline)
	if len(authors) == 0 {
		authors = m.ld.authors
	}
	if len(authors) == 0 {
		if names := m.metas["citation_author"]; len(names) > 0 {
			authors = names
		} else {
			for _, k := range []string{"author", "dc.creator", "dcterms.creator", "parsely-author", "sailthru.author", "byl", "article:author"} {
				if v := m.first(k); v != "" && !looksLikeURL(v) {
					authors = splitByline(v)
					break
				}
			}
		}
	}
	for _, a := range authors {
		if a = collapse(a); a != "" {
			out.Authors = append(out.Authors, render.Author{Name: a})
		}
	}
	// The page's own date strings are read first, in UTC where they name
	// no zone: Readability's parsed date depends on the machine's zone.
	published = isoDate(firstOf(m.ld.date, m.first("article:published_time", "citation_publication_date", "citation_date",
		"dc.date", "dc.date.issued", "dcterms.date", "dcterms.issued", "dcterms.created", "dcterms.available", "date", "pubdate", "publish-date", "parsely-pub-date", "sailthru.date")))
	if published == "" && a != nil {
		if t, err := a.PublishedTime(); err == nil {
			published = t.Format("2006-01-02")
		}
	}
	out.Date = published
	if out.Lang == "" {
		out.Lang = normLang(firstOf(m.lang, m.contentLang, m.ld.lang, m.first("dc.language", "citation_language", "og:locale")))
	}
	if out.Description == "" {
		out.Description = firstOf(m.first("og:description", "description", "dc.description", "twitter:description"), m.ld.description)
	}
	out.Source = m.source()
	seen := map[string]bool{}
	for _, k := range append(m.metas["keywords"], m.metas["article:tag"]...) {
		for _, w := range strings.Split(k, ",") {
			if w = collapse(w); w != "" && !seen[strings.ToLower(w)] && len(out.Keywords) < 20 {
				seen[strings.ToLower(w)] = true
				out.Keywords = append(out.Keywords, w)
			}
		}
	}
	if m.dir == "rtl" {
		out.Dir = "rtl"
	}
	return out
}

func firstOf(vals ...string) string {
	for _, v := range vals {
		if v = collapse(v); v != "" {
			return v
		}
	}
	return ""
}

// trimSiteName drops a " | Site" or " - Site" end (or a "Site | "
// start) from a <title>, when it is the site's name.
func trimSiteName(title, site string) string {
	title = collapse(title)
	if site == "" {
		return title
	}
	for _, sep := range []string{" | ", " - ", " – ", " — ", " · ", " :: ", " » ", " « ", " / "} {
		if i := strings.LastIndex(title, sep); i > 0 && strings.EqualFold(strings.TrimSpace(title[i+len(sep):]), site) {
			return strings.TrimSpace(title[:i])
		}
		if i := strings.Index(title, sep); i > 0 && strings.EqualFold(strings.TrimSpace(title[:i]), site) && i+len(sep) < len(title) {
			return strings.TrimSpace(title[i+len(sep):])
		}
	}
	return title
}

// merge reads one JSON-LD script: an object, an array, or a @graph.
// The first article-like object wins over any other kind.
func (l *ldMeta) merge(raw string) {
	raw = strings.TrimSpace(raw)
	raw = strings.TrimPrefix(raw, "<![CDATA[")
	raw = strings.TrimSuffix(raw, "]]>")
	raw = strings.TrimSuffix(strings.TrimSpace(raw), ";")
	var v any
	if json.Unmarshal([]byte(raw), &v) != nil {
		return
	}
	var objs []map[string]any
	var gather func(any, int)
	gather = func(v any, depth int) {
		if depth > 4 {
			return
		}
		switch v := v.(type) {
		case []any:
			for _, e := range v {
				gather(e, depth+1)
			}
		case map[string]any:
			if g, ok := v["@graph"]; ok {
				gather(g, depth+1)
			}
			objs = append(objs, v)
		}
	}
	gather(v, 0)
	var best map[string]any
	for _, o := range objs {
		if articleType.MatchString(ldTypes(o["@type"])) {
			best = o
			break
		}
	}
	if best == nil || l.headline != "" {
		return
	}
	l.headline = firstOf(ldString(best["headline"]), ldString(best["name"]))
	l.date = ldString(best["datePublished"])
	l.publisher = ldName(best["publisher"])
	l.lang = ldName(best["inLanguage"])
	l.description = ldString(best["description"])
	switch a := best["author"].(type) {
	case []any:
		for _, e := range a {
			if n := ldName(e); n != "" {
				l.authors = append(l.authors, n)
			}
		}
	default:
		if n := ldName(a); n != "" {
			l.authors = append(l.authors, n)
		}
	}
}

var articleType = regexp.MustCompile(`(?i)\b(?:\w*Article|BlogPosting|SocialMediaPosting|Report|Review|Recipe|CreativeWork|Thesis|Book|Chapter)\b`)

func ldTypes(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case []any:
		var s []string
		for _, e := range v {
			if t, ok := e.(string); ok {
				s = append(s, t)
			}
		}
		return strings.Join(s, " ")
	}
	return ""
}

func ldString(v any) string {
	if s, ok := v.(string); ok {
		return collapse(xhtml.UnescapeString(s))
	}
	return ""
}

// ldName is a thing's name: a plain string, or an object's "name".
func ldName(v any) string {
	switch v := v.(type) {
	case string:
		return ldString(v)
	case map[string]any:
		return ldString(v["name"])
	case []any:
		if len(v) > 0 {
			return ldName(v[0])
		}
	}
	return ""
}

// isoDate turns a date as pages write it into 2006-01-02, in the zone it
// was written in; "" when it cannot be read.
func isoDate(s string) string {
	if s = strings.TrimSpace(s); s == "" {
		return ""
	}
	t, err := dateparse.ParseIn(s, time.UTC)
	if err != nil || t.Year() < 1000 || t.Year() > 9999 {
		return ""
	}
	return t.Format("2006-01-02")
}

var byPrefix = regexp.MustCompile(`(?i)^by\s+`)

// credential words start a byline part that belongs to the name before
// it ("Jane Doe, MD"), not a second author.
var credential = regexp.MustCompile(`^(?:MA|MD|MS|MSc|BA|BSc|PhD|Ph\.D\.?|RN|DO|DDS|MPH|MBA|JD|Jr\.?|Sr\.?|II|III|IV|Esq\.?)\b`)

// gluedDate is a name with the page's date run into it, as a scrape of
// "<span>Jane Roe</span><time>22 Dec 2016</time>" gives: "Jane Roe22 Dec
// 2016". Names have no digits; the name is what comes before them.
var gluedDate = regexp.MustCompile(`^(\p{L}[\p{L}.'’ -]*\p{L})\d`)

// splitByline turns "By A and B" or "A, B and C" into names. A part is
// split off only when every part reads as a name of two or more words,
// so "Jong, Michiel de", "Jane Doe, MD" and "Mac & i" stay whole.
func splitByline(s string) []string {
	s = collapse(s)
	s = byPrefix.ReplaceAllString(s, "")
	s = strings.TrimSpace(s)
	if s == "" {
		return nil
	}
	if m := gluedDate.FindStringSubmatch(s); m != nil && nameLike(m[1]) {
		s = m[1]
	}
	parts := []string{s}
	for _, sep := range []string{", ", " and ", " & "} {
		var next []string
		ok := true
		for _, p := range parts {
			for _, q := range strings.Split(p, sep) {
				q = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(q), "and "))
				if !nameLike(q) {
					ok = false
				}
				next = append(next, q)
			}
		}
		if ok {
			parts = next
		}
	}
	return parts
}

func nameLike(s string) bool {
	words := strings.Fields(s)
	if len(words) < 2 || len(words) > 5 || credential.MatchString(s) {
		return false
	}
	for _, w := range words {
		if strings.ContainsAny(w, "0123456789@/()") {
			return false
		}
	}
	return true
}

func looksLikeURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && u.Scheme != "" && u.Host != ""
}

var langTag = regexp.MustCompile(`^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$`)

// normLang writes a language tag the BCP 47 way: "en_US" and "en-us"
// become "en-US", "zh-hant-tw" becomes "zh-Hant-TW"; what is not a tag
// gives "".
func normLang(s string) string {
	s = strings.ReplaceAll(strings.TrimSpace(s), "_", "-")
	if i := strings.IndexAny(s, ",;"); i >= 0 {
		s = strings.TrimSpace(s[:i])
	}
	if !langTag.MatchString(s) {
		return ""
	}
	parts := strings.Split(s, "-")
	parts[0] = strings.ToLower(parts[0])
	for i := 1; i < len(parts); i++ {
		p := parts[i]
		switch {
		case len(p) == 4 && i == 1 || len(p) == 4 && i == 2 && len(parts[1]) == 3:
			parts[i] = strings.ToUpper(p[:1]) + strings.ToLower(p[1:])
		case len(p) == 2, len(p) == 3 && p[0] >= '0' && p[0] <= '9':
			parts[i] = strings.ToUpper(p)
		default:
			parts[i] = strings.ToLower(p)
		}
	}
	return strings.Join(parts, "-")
}

func attr(n *xhtml.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key && a.Namespace == "" {
			return a.Val
		}
	}
	return ""
}

func hasAttr(n *xhtml.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Key == key && a.Namespace == "" {
			return true
		}
	}
	return false
}

func hasToken(list, token string) bool {
	for _, t := range strings.Fields(list) {
		if strings.EqualFold(t, token) {
			return true
		}
	}
	return false
}

func inside(n *xhtml.Node, a atom.Atom) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		if p.Type == xhtml.ElementNode && p.DataAtom == a {
			return true
		}
	}
	return false
}

// collapse folds runs of HTML whitespace into one space and trims.
func collapse(s string) string {
	return strings.Join(strings.FieldsFunc(s, isHTMLSpace), " ")
}

func isHTMLSpace(r rune) bool {
	return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f'
}
