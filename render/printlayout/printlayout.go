// Package printlayout lays an article out as printed pages: the type
// scheme, line breaking, footnotes and pagination, measured with the
// bundled fonts' own metrics. It draws nothing itself: a Canvas does (the
// PDF renderer's is fpdf). Because the layout needs no output format,
// other renderers can ask it where the print pages break: the EPUB's
// print page numbers come from here, so they match the PDF's pages.
package printlayout

import (
	"fmt"
	"strings"

	"github.com/offprint/offprint/fonts"
	"github.com/offprint/offprint/render"
	"github.com/offprint/offprint/render/layout"
	"github.com/offprint/offprint/render/layout/hyphen"
)

// Face is a role in the type scheme, set in one of the bundled fonts.
type Face = face

// File is the bundled font that sets the face.
func (f face) File() fonts.Face { return faceFiles[f] }

// RGB is a colour.
type RGB = rgb

// Components are the colour's red, green and blue.
func (c rgb) Components() (r, g, b int) { return int(c.r), int(c.g), int(c.b) }

// Canvas is what a layout is drawn on. Positions are in points from the
// page's top left corner; text is placed by its baseline's left end.
// Links are numbered from 0 to Book.Links-1.
type Canvas interface {
	AddPage()
	// Text draws text; actual, when set, is what text extraction should
	// read instead (a note call's number, set flush against its word).
	Text(x, baseline float64, text string, f Face, size float64, c RGB, actual string)
	Line(x0, y0, x1, y1, width float64, c RGB)
	Rect(x, y, w, h float64, c RGB)  // filled
	Image(i int, x, y, w, h float64) // Book.Images[i]
	URILink(x, y, w, h float64, url string)
	Link(x, y, w, h float64, link int)
	SetLink(link int, y float64) // the link leads here, on this page
	Bookmark(title string, level int, y float64)
}

// Image is a picture ready for a PDF: JPEG or PNG data fpdf surely reads.
type Image struct {
	Name string
	Kind string // "JPG" or "PNG"
	Data []byte
}

// Part is the part of the article a piece of the layout comes from.
type Part uint8

const (
	Masthead Part = iota // title, byline, dateline: not in the model's blocks
	Body                 // doc.Blocks
	Notes                // the "Notes" section: notes not at a page foot
	About                // "About the author(s)": the authors' bios
)

// Source is where the first word of a page comes from. Path indexes the
// blocks: in Body into doc.Blocks, in Notes into the note's blocks (Note
// is its Footnote.ID), with a quote's blocks, a list's items and an
// item's blocks as further steps; a quote's attribution is the step
// len(quote.Blocks). In About, Path[0] is the index into doc.Authors and
// the text is the bio. An empty Path is the part's start (its heading).
//
// Letters counts the letters and digits of the block's text (render.Plain
// of its inlines, table cells in reading order, a code block's text)
// before the word: a count that survives what typesetting does to the
// text between them (spacing, hyphenation, normalisation). Note calls'
// numbers are not counted.
type Source struct {
	Part    Part
	Note    string
	Path    []int
	Letters int
}

// Page is one page of the layout.
type Page struct {
	First Source // where its first line comes from
	rows  []placed
	notes []*note
}

// Book is a laid out article, ready to draw.
type Book struct {
	Geometry Geometry
	Pages    []Page
	Images   []Image
	Links    int
	// Measured is what the layout measured, while setting the article
	// and then the running head: a canvas that loads fonts on first use
	// can replay it, before and after a cover page, to give the very
	// bytes of a layout measured with the canvas itself.
	Measured [2]Measured

	b        *builder
	head     []layout.Span
	noteLead float64
}

// Measured is the faces measured for the first time, in that order, and
// the face and size measured last. Size is 0 when nothing was measured.
type Measured struct {
	New      []Face
	LastFace Face
	LastSize float64
}

// Config holds what the benchmarks change; the zero value is the standard.
type Config struct {
	Breaker layout.Breaker // the line breaker: layout.Break when nil
}

// Layout lays doc out on pages of the size opt.PageSize names. Warnings
// (missing glyphs, unreadable images) go to opt.Warn.
func Layout(doc *render.Document, opt render.Options) (*Book, error) {
	return Config{}.Layout(doc, opt)
}

// SharedLayout is Layout done once per document when opt.Shared is set:
// the PDF and the EPUB's page map of one export use the same. Its
// warnings are kept with it and given to this caller's opt.Warn, so they
// reach the PDF's report whichever renderer asked first.
func SharedLayout(doc *render.Document, opt render.Options) (*Book, error) {
	bk, warnings, err := shared(doc, opt)
	for _, w := range warnings {
		if opt.Warn != nil {
			opt.Warn(w)
		}
	}
	return bk, err
}

type laidOut struct {
	bk       *Book
	warnings []render.Warning
}

func shared(doc *render.Document, opt render.Options) (*Book, []render.Warning, error) {
	v, err := opt.Shared.Do("printlayout", func() (any, error) {
		var out laidOut
		o := opt
		o.Warn = func(w render.Warning) { out.warnings = append(out.warnings, w) }
		bk, err := Layout(doc, o)
		out.bk = bk
		return out, err
	})
	if err != nil {
		return nil, nil, err
	}
	l := v.(laidOut)
	return l.bk, l.warnings, nil
}

// Layout lays doc out with the configuration's choices.
func (c Config) Layout(doc *render.Document, opt render.Options) (bk *Book, err error) {
	return c.layout(doc, opt, false)
}

func (c Config) layout(doc *render.Document, opt render.Options, pagesOnly bool) (bk *Book, err error) {
	geo, err := PageGeometry(opt.PageSize)
	if err != nil {
		return nil, err
	}
	defer func() {
		// layout code panics only on a bundled font that fails to parse
		if r := recover(); r != nil {
			bk, err = nil, fmt.Errorf("print layout: %v", r)
		}
	}()
	tf, err := newTypeface()
	if err != nil {
		return nil, err
	}
	b := &builder{tf: tf, geo: geo, doc: doc, opt: opt, notes: map[string]*note{}, breakLines: c.Breaker, pagesOnly: pagesOnly}
	if b.breakLines == nil {
		b.breakLines = layout.Break
	}
	if h, ok := hyphen.For(doc.Lang); ok {
		b.hyphenator = layout.CacheHyphens(h)
	}
	if err := b.build(); err != nil {
		return nil, err
	}
	built := Measured{New: tf.order, LastFace: tf.last, LastSize: tf.lastSize}
	bk = b.paginate()
	bk.Measured = [2]Measured{built, {New: tf.order[len(built.New):], LastFace: tf.last, LastSize: tf.lastSize}}
	tf.warnMissing(opt.Warnf)
	return bk, nil
}

// PageMap is where each print page starts, for a renderer that shows no
// pages of its own (the EPUB's page list). It lays the article out as
// Layout does, without warnings: the PDF gives those.
func PageMap(doc *render.Document, opt render.Options) ([]Source, error) {
	var bk *Book
	var err error
	if opt.Shared != nil {
		bk, _, err = shared(doc, opt)
	} else {
		opt.Warn = nil
		bk, err = Config{}.layout(doc, opt, true)
	}
	if err != nil {
		return nil, err
	}
	out := make([]Source, len(bk.Pages))
	for i, p := range bk.Pages {
		out[i] = p.First
	}
	return out, nil
}

// Geometry is a page and its type: sizes in points.
type Geometry struct {
	Name                     string
	Width, Height            float64
	Left, Right, Top, Bottom float64
	Body                     float64 // body text size
	Leading                  float64 // body line height
}

// Measure is the width of the text block.
func (g Geometry) Measure() float64 { return g.Width - g.Left - g.Right }

// Frame is the height of the text block.
func (g Geometry) Frame() float64 { return g.Height - g.Top - g.Bottom }

// PageGeometry sets the body size by the page and then derives the side
// margins from the measure, so every page size gets a comfortable line
// length; top and bottom margins are proportional to the height.
func PageGeometry(name string) (Geometry, error) {
	g := Geometry{Name: strings.ToLower(strings.TrimSpace(name))}
	switch g.Name {
	case "", "a4":
		g.Name, g.Width, g.Height, g.Body = "a4", 210*mm, 297*mm, bodyA4
	case "letter":
		g.Width, g.Height, g.Body = 8.5*72, 11*72, bodyA4
	case "a5":
		g.Width, g.Height, g.Body = 148*mm, 210*mm, bodyA5
	default:
		return g, fmt.Errorf("pdf: unknown page size %q (want a4, letter or a5)", name)
	}
	measure := charsPerLine * AvgChar * g.Body
	side := max((g.Width-measure)/2, minSide*g.Width)
	g.Left, g.Right = side, side
	g.Top = topMargin * g.Height
	g.Bottom = bottomMargin * g.Height
	g.Leading = leadingRatio * g.Body
	return g, nil
}

// PageName is how a page size is named to readers: "A4", "US Letter".
func PageName(size string) string {
	switch g, _ := PageGeometry(size); g.Name {
	case "letter":
		return "US Letter"
	case "a5":
		return "A5"
	}
	return "A4"
}

// The faces of the type scheme, for a canvas that wants to name them.
const (
	Serif           = serif
	SerifBold       = serifBold
	SerifItalic     = serifItalic
	SerifBoldItalic = serifBoldItalic
	Sans            = sans
	SansBold        = sansBold
)

// NumFaces is how many faces there are: Face(0) to Face(NumFaces-1).
const NumFaces = numFaces

// Placeholder is drawn for a character no bundled face has.
const Placeholder = placeholder
