// Package render holds offprint's document model and the seam between the
// readers that build it and the renderers that draw it. Readers know nothing
// of PDF or EPUB; renderers never parse text. Everything in between speaks
// these types.
package render

import (
	"encoding/json"
	"strings"
)

// Document is one article: what it is (Meta) and what it says (Blocks).
// Meta is embedded so that its fields sit at the top level of the JSON
// that `offprint inspect` prints; code still says doc.Meta.Title.
type Document struct {
	Meta
	Blocks []Block `json:"blocks"`
}

// Meta is what a careful editor would put on the masthead and in the
// catalogue record. Empty fields are unknown, never guessed.
type Meta struct {
	Title       string   `json:"title"`
	Subtitle    string   `json:"subtitle,omitempty"`
	Authors     []Author `json:"authors"`
	Date        string   `json:"date,omitempty"` // ISO 8601: 2006-01-02 or RFC 3339
	Lang        string   `json:"lang"`           // BCP 47, e.g. "en", "pt-BR"
	Source      string   `json:"source,omitempty"`
	SiteName    string   `json:"site_name,omitempty"`
	Description string   `json:"description,omitempty"`
	Keywords    []string `json:"keywords,omitempty"`
	Cover       string   `json:"cover,omitempty"` // path or URL of a cover image, as the input gave it
	Dir         string   `json:"dir,omitempty"`   // "rtl" for right-to-left scripts, else empty
}

// Author is one byline entry; Bio is the "About the author" text.
type Author struct {
	Name string `json:"name"`
	Bio  string `json:"bio"`
}

// AuthorNames joins the authors' names as a byline reads them:
// "A", "A and B", "A, B and C".
func (m Meta) AuthorNames() string {
	var names []string
	for _, a := range m.Authors {
		if a.Name != "" {
			names = append(names, a.Name)
		}
	}
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

// Block is a unit of the article's flow. The concrete types below are the
// whole set; renderers switch on them.
type Block interface{ blockKind() string }

// Inline is a run of text inside a block.
type Inline interface{ inlineKind() string }

type (
	// Heading is a section title; Level 1 is the highest inside the article
	// (the document title lives in Meta, not here).
	Heading struct {
		Level int      `json:"level"`
		ID    string   `json:"id,omitempty"`
		Text  []Inline `json:"text"`
	}
	Paragraph struct {
		Text []Inline `json:"text"`
	}
	Quote struct {
		Blocks      []Block  `json:"blocks"`
		Attribution []Inline `json:"attribution,omitempty"`
	}
	List struct {
		Ordered bool      `json:"ordered"`
		Start   int       `json:"start,omitempty"` // first number of an ordered list; 0 means 1
		Items   [][]Block `json:"items"`
	}
	// Image carries its bytes once a reader has resolved them; Src is kept
	// for messages. Alt is kept even where a renderer cannot use it yet.
	Image struct {
		Src     string   `json:"src"`
		Data    []byte   `json:"-"`
		MIME    string   `json:"mime,omitempty"`
		Alt     string   `json:"alt"`
		Caption []Inline `json:"caption,omitempty"`
		Width   int      `json:"width,omitempty"` // pixels, when known
		Height  int      `json:"height,omitempty"`
	}
	Rule      struct{}
	CodeBlock struct {
		Lang string `json:"lang,omitempty"`
		Text string `json:"text"`
	}
	// Table holds rows of cells of inline text; a header row is flagged.
	Table struct {
		Rows []TableRow `json:"rows"`
	}
	TableRow struct {
		Header bool       `json:"header,omitempty"`
		Cells  [][]Inline `json:"cells"`
	}
	// Footnote is the body of a note; NoteRef inlines point at it by ID.
	// Readers put footnotes where their source had them (usually at the
	// end); renderers place them (foot of page, pop-up, end notes).
	Footnote struct {
		ID     string  `json:"id"`
		Blocks []Block `json:"blocks"`
	}
)

type (
	Text     struct{ Text string }
	Emphasis struct{ Children []Inline }
	Strong   struct{ Children []Inline }
	Strike   struct{ Children []Inline }
	Code     struct{ Text string }
	Link     struct {
		URL      string
		Children []Inline
	}
	LineBreak struct{}
	NoteRef   struct{ ID string }
)

func (*Heading) blockKind() string   { return "heading" }
func (*Paragraph) blockKind() string { return "paragraph" }
func (*Quote) blockKind() string     { return "quote" }
func (*List) blockKind() string      { return "list" }
func (*Image) blockKind() string     { return "image" }
func (*Rule) blockKind() string      { return "rule" }
func (*CodeBlock) blockKind() string { return "code" }
func (*Table) blockKind() string     { return "table" }
func (*Footnote) blockKind() string  { return "footnote" }

func (*Text) inlineKind() string      { return "text" }
func (*Emphasis) inlineKind() string  { return "emphasis" }
func (*Strong) inlineKind() string    { return "strong" }
func (*Strike) inlineKind() string    { return "strike" }
func (*Code) inlineKind() string      { return "code" }
func (*Link) inlineKind() string      { return "link" }
func (*LineBreak) inlineKind() string { return "break" }
func (*NoteRef) inlineKind() string   { return "noteref" }

// Plain flattens inline runs to their text, as a reader would hear them.
// Note calls are left out: they are not part of the sentence.
func Plain(runs []Inline) string {
	var b strings.Builder
	var walk func([]Inline)
	walk = func(rs []Inline) {
		for _, r := range rs {
			switch r := r.(type) {
			case *Text:
				b.WriteString(r.Text)
			case *Code:
				b.WriteString(r.Text)
			case *Emphasis:
				walk(r.Children)
			case *Strong:
				walk(r.Children)
			case *Strike:
				walk(r.Children)
			case *Link:
				walk(r.Children)
			case *LineBreak:
				b.WriteByte('\n')
			}
		}
	}
	walk(runs)
	return b.String()
}

// Para is a shorthand for a paragraph of plain text.
func Para(s string) *Paragraph { return &Paragraph{Text: []Inline{&Text{Text: s}}} }

// Footnotes indexes the document's notes by ID, wherever they stand.
func (d *Document) Footnotes() map[string]*Footnote {
	notes := map[string]*Footnote{}
	var walk func([]Block)
	walk = func(bs []Block) {
		for _, b := range bs {
			switch b := b.(type) {
			case *Footnote:
				notes[b.ID] = b
			case *Quote:
				walk(b.Blocks)
			case *List:
				for _, it := range b.Items {
					walk(it)
				}
			}
		}
	}
	walk(d.Blocks)
	return notes
}

// The model marshals to JSON with a "type" on every block and inline, so
// `offprint inspect` shows a tree a person (or jq) can read.

func tagged(kind string, v any) ([]byte, error) {
	raw, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	if string(raw) == "{}" {
		return json.Marshal(map[string]string{"type": kind})
	}
	return append([]byte(`{"type":"`+kind+`",`), raw[1:]...), nil
}

func (b *Heading) MarshalJSON() ([]byte, error) {
	type t Heading
	return tagged(b.blockKind(), (*t)(b))
}
func (b *Paragraph) MarshalJSON() ([]byte, error) {
	type t Paragraph
	return tagged(b.blockKind(), (*t)(b))
}
func (b *Quote) MarshalJSON() ([]byte, error) { type t Quote; return tagged(b.blockKind(), (*t)(b)) }
func (b *List) MarshalJSON() ([]byte, error)  { type t List; return tagged(b.blockKind(), (*t)(b)) }
func (b *Image) MarshalJSON() ([]byte, error) { type t Image; return tagged(b.blockKind(), (*t)(b)) }
func (b *Rule) MarshalJSON() ([]byte, error)  { return tagged(b.blockKind(), struct{}{}) }
func (b *CodeBlock) MarshalJSON() ([]byte, error) {
	type t CodeBlock
	return tagged(b.blockKind(), (*t)(b))
}
func (b *Table) MarshalJSON() ([]byte, error) { type t Table; return tagged(b.blockKind(), (*t)(b)) }
func (b *Footnote) MarshalJSON() ([]byte, error) {
	type t Footnote
	return tagged(b.blockKind(), (*t)(b))
}

func (r *Text) MarshalJSON() ([]byte, error) {
	return tagged(r.inlineKind(), struct {
		Text string `json:"text"`
	}{r.Text})
}
func (r *Code) MarshalJSON() ([]byte, error) {
	return tagged(r.inlineKind(), struct {
		Text string `json:"text"`
	}{r.Text})
}
func (r *Emphasis) MarshalJSON() ([]byte, error) { return tagChildren(r.inlineKind(), r.Children) }
func (r *Strong) MarshalJSON() ([]byte, error)   { return tagChildren(r.inlineKind(), r.Children) }
func (r *Strike) MarshalJSON() ([]byte, error)   { return tagChildren(r.inlineKind(), r.Children) }
func (r *Link) MarshalJSON() ([]byte, error) {
	return tagged(r.inlineKind(), struct {
		URL      string   `json:"url"`
		Children []Inline `json:"children"`
	}{r.URL, r.Children})
}
func (r *LineBreak) MarshalJSON() ([]byte, error) { return tagged(r.inlineKind(), struct{}{}) }
func (r *NoteRef) MarshalJSON() ([]byte, error) {
	return tagged(r.inlineKind(), struct {
		ID string `json:"id"`
	}{r.ID})
}

func tagChildren(kind string, c []Inline) ([]byte, error) {
	return tagged(kind, struct {
		Children []Inline `json:"children"`
	}{c})
}
