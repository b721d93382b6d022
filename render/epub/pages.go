package epub

import (
	"slices"
	"strconv"
	"unicode"

	"github.com/offprint/offprint/render/printlayout"
)

// The print page numbers: the EPUB marks where each page of the PDF
// offprint makes from the same article, at the same page size, begins,
// so a reader can cite "p. 3" of the print edition. Where a page begins
// comes from the print layout (printlayout.PageMap), never from the PDF
// renderer; the writers tell pageBreaks where they are in the model as
// they write, and it drops each marker in just before the first word of
// its page.
//
// A page that starts with the masthead is marked at the top of the title
// page; one that starts in the PDF's "Notes" or "About the author"
// section, in the EPUB's notes or about page. A marker that finds no
// place (text the two formats set differently) goes at the end of its
// part, so the page list always has every page.

// pageMark is one page's marker: where it goes, and, once written, the
// document it is in.
type pageMark struct {
	num  int
	src  printlayout.Source
	file string
	seq  int // where it stands in its document (see tick)
}

// pageBreaks places the markers and knows where the writer is: the part,
// the note and the path of the block being written, and the letters of
// its text written so far (see printlayout.Source).
type pageBreaks struct {
	marks   []*pageMark
	file    string
	part    printlayout.Part
	note    string
	path    []int
	letters int
	seq     int
}

// tick numbers what is written in reading order within a document: the
// markers, and the headings the table of contents leads to, so the NCX
// can give both one play order.
func (pb *pageBreaks) tick() int {
	if pb == nil {
		return 0
	}
	pb.seq++
	return pb.seq
}

func newPageBreaks(pages []printlayout.Source) *pageBreaks {
	pb := &pageBreaks{}
	for i, src := range pages {
		pb.marks = append(pb.marks, &pageMark{num: i + 1, src: src})
	}
	return pb
}

// at starts a part (and a note in it) in file, and writes the markers of
// pages that begin with the part's heading.
func (pb *pageBreaks) at(w *xmlWriter, file string, part printlayout.Part, note string) {
	if pb == nil {
		return
	}
	pb.file, pb.part, pb.note, pb.path, pb.letters = file, part, note, nil, 0
	pb.place(w, 0, part == printlayout.Masthead) // the masthead is one place
}

// enter starts block i of the blocks being written, a step deeper.
func (pb *pageBreaks) enter(w *xmlWriter, i int) {
	if pb == nil {
		return
	}
	pb.path = append(pb.path, i)
	pb.letters = 0
	pb.place(w, 0, false)
}

// leave ends the block: a marker still waiting for a letter of it goes
// here, after it.
func (pb *pageBreaks) leave(w *xmlWriter) {
	if pb == nil {
		return
	}
	pb.place(w, -1, true)
	pb.path = pb.path[:len(pb.path)-1]
	pb.letters = 0
}

// finish writes every marker of part not written yet.
func (pb *pageBreaks) finish(w *xmlWriter, part printlayout.Part) {
	if pb == nil {
		return
	}
	for _, m := range pb.marks {
		if m.file == "" && m.src.Part == part {
			pb.write(w, m)
		}
	}
}

// text writes s, a piece of the current block's text, with the markers
// that fall before one of its letters.
func (pb *pageBreaks) text(w *xmlWriter, s string) {
	if pb == nil || !pb.waiting() {
		w.text(s)
		return
	}
	// The letters a marker waits for, gathered once: asking due for
	// every letter made a long book quadratic (letters × pages; a 10 MB
	// article took minutes, 100 MB hours).
	due := map[int]bool{}
	for _, m := range pb.marks {
		if m.file == "" && pb.here(m) && m.src.Letters >= pb.letters {
			due[m.src.Letters] = true
		}
	}
	start := 0
	for i, r := range s {
		if !unicode.IsLetter(r) && !unicode.IsNumber(r) {
			continue
		}
		if due[pb.letters] {
			w.text(s[start:i])
			start = i
			pb.place(w, pb.letters, false)
		}
		pb.letters++
	}
	w.text(s[start:])
}

// waiting says whether a marker is waiting for a letter of this block.
func (pb *pageBreaks) waiting() bool {
	for _, m := range pb.marks {
		if m.file == "" && pb.here(m) && m.src.Letters >= pb.letters {
			return true
		}
	}
	return false
}

func (pb *pageBreaks) here(m *pageMark) bool {
	s := m.src
	if s.Part != pb.part || s.Part == printlayout.Masthead {
		return s.Part == pb.part
	}
	return s.Note == pb.note && slices.Equal(s.Path, pb.path)
}

// place writes the markers for the current block at letter n (all of
// them, when any is set).
func (pb *pageBreaks) place(w *xmlWriter, n int, any bool) {
	for _, m := range pb.marks {
		if m.file == "" && pb.here(m) && (any || m.src.Letters == n) {
			pb.write(w, m)
		}
	}
}

func (pb *pageBreaks) write(w *xmlWriter, m *pageMark) {
	m.file, m.seq = pb.file, pb.tick()
	n := strconv.Itoa(m.num)
	w.empty("span", "epub:type", "pagebreak", "role", "doc-pagebreak", "id", pageID(m.num), "aria-label", n)
}

func pageID(n int) string { return "page-" + strconv.Itoa(n) }

// list is the page list: every page's marker, in page order.
func (pb *pageBreaks) list() []*pageMark {
	if pb == nil {
		return nil
	}
	return pb.marks
}
