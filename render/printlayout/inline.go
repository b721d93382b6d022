package printlayout

import (
	"strconv"
	"strings"

	"github.com/offprint/offprint/render"
	"github.com/offprint/offprint/render/layout"
)

// style is how a span of text is drawn. It is a comparable value: layout
// hands it back to measure, and equal styles draw alike.
type style struct {
	face   face
	size   float64
	color  rgb
	link   string // an external link
	note   int    // the footnote this superscript calls, 0 for none
	backTo int    // the footnote whose call this number links back to
	strike bool
	rise   float64 // baseline shift, for superscripts
}

type rgb struct{ r, g, b uint8 }

var (
	black    = rgb{0, 0, 0}
	grey     = rgb{96, 96, 96}
	linkBlue = rgb{20, 60, 140}
	faint    = rgb{150, 165, 200} // link underline
	ruleGrey = rgb{170, 170, 170}
	codeBack = rgb{244, 244, 242}
)

// spans flattens inline runs into styled text. Emphasis toggles italic (so
// emphasis inside an italic quote stands out upright), strong sets bold,
// code is set in the sans face a little smaller, links are coloured, and
// note calls become superscript numbers linked to their note.
func (b *builder) spans(runs []render.Inline, st style) []layout.Span {
	var out []layout.Span
	var walk func([]render.Inline, style, bool)
	add := func(text string, st style, verbatim bool) {
		out = b.textSpans(out, text, st, verbatim)
	}
	walk = func(rs []render.Inline, st style, verbatim bool) {
		skip := 0 // bytes of the next text already set before a note call
		for i, r := range rs {
			switch r := r.(type) {
			case *render.Text:
				add(r.Text[skip:], st, verbatim)
			case *render.Emphasis:
				s := st
				s.face = st.face.with(st.face.bold(), !st.face.italic())
				walk(r.Children, s, verbatim)
			case *render.Strong:
				s := st
				s.face = st.face.with(true, st.face.italic())
				walk(r.Children, s, verbatim)
			case *render.Strike:
				s := st
				s.strike = true
				walk(r.Children, s, verbatim)
			case *render.Code:
				s := st
				s.face = sans.with(st.face.bold(), false)
				s.size = st.size * codeScale
				add(r.Text, s, true)
			case *render.Link:
				s := st
				if r.URL != "" {
					s.link = r.URL
					s.color = linkBlue
				}
				// A link that shows its address is never hyphenated: the
				// hyphen would read as part of the address.
				walk(r.Children, s, verbatim || looksLikeAddress(render.Plain(r.Children), r.URL))
			case *render.LineBreak:
				add("\n", st, false)
			case *render.NoteRef:
				n := b.callNote(r.ID)
				if n == nil {
					continue // a call to a note that does not exist
				}
				s := st
				s.note = n.num
				s.link = ""
				s.color = linkBlue
				s.face = st.face.with(false, false)
				s.size = st.size * callScale
				s.rise = st.size * callRise
				// The call goes after the punctuation that follows it, as
				// English typesetting has it, so the word keeps its stop.
				if i+1 < len(rs) {
					if next, ok := rs[i+1].(*render.Text); ok {
						p := len(next.Text) - len(strings.TrimLeft(next.Text, ".,;:!?)”’\"'"))
						add(next.Text[:p], st, verbatim)
						add(strconv.Itoa(n.num), s, true)
						skip = p
						continue
					}
				}
				add(strconv.Itoa(n.num), s, true)
			}
			skip = 0
		}
	}
	walk(runs, st, false)
	return out
}

// textSpans appends text set in st to out, a span per face that draws a
// part of it (the style's face, or a fallback for what it lacks).
func (b *builder) textSpans(out []layout.Span, text string, st style, verbatim bool) []layout.Span {
	if text == "" {
		return out
	}
	for _, sg := range b.tf.segments(text, st.face) {
		s := st
		s.face = sg.face
		out = append(out, layout.Span{Text: sg.text, Style: s, Verbatim: verbatim})
	}
	return out
}

// looksLikeAddress says whether a link's text is an address rather than
// words: the URL itself, or something shaped like a URL or an e-mail.
func looksLikeAddress(text, url string) bool {
	text = strings.TrimSpace(text)
	if text == "" {
		return false
	}
	if strings.TrimRight(text, "/") == strings.TrimRight(url, "/") || strings.Contains(text, "://") ||
		strings.HasPrefix(text, "www.") || strings.Contains(text, "@") {
		return true
	}
	// a bare domain or path: no spaces, and a dot or slash inside
	return !strings.ContainsAny(text, " \t") && strings.ContainsAny(strings.Trim(text, "./"), "./")
}

// measure is layout's view of the fonts.
func (b *builder) measure() layout.Measure {
	return layout.MeasureFunc(func(s string, st any) float64 {
		x := st.(style)
		return b.tf.width(s, x.face, x.size)
	})
}
