package epub

import (
	"bytes"

	"github.com/offprint/offprint/render/cover"
)

// coverItem is the book's cover image: the one the user gave, else one
// drawn from the title, byline and site or date. It is a manifest item
// with the cover-image property only, not a page in the spine: a cover
// page would put the title in the reading order twice. drawn is where
// drawCover sends the one it draws.
func (b *book) coverItem(drawn <-chan drawnCover) (item, bool) {
	it := item{id: "cover", props: "cover-image"}
	if data, ok := givenCover(b.opt.Cover); ok {
		it.href, it.mediaType, it.data = "images/cover."+data.ext, data.mediaType, b.opt.Cover
		return it, true
	}
	if len(b.opt.Cover) > 0 {
		b.opt.Warnf("image", "epub: the cover is neither PNG nor JPEG; drew one instead")
	}
	d := <-drawn
	if d.err != nil {
		b.opt.Warnf("image", "epub: no cover: %v", d.err)
		return item{}, false
	}
	it.href, it.mediaType, it.data = "images/cover.png", "image/png", d.png
	return it, true
}

// coverKind is what a cover given with --cover is.
type coverKind struct{ ext, mediaType string }

// givenCover says whether data (--cover) is a PNG or JPEG to use as it is.
func givenCover(data []byte) (coverKind, bool) {
	switch {
	case bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")):
		return coverKind{"png", "image/png"}, true
	case bytes.HasPrefix(data, []byte("\xff\xd8\xff")):
		return coverKind{"jpg", "image/jpeg"}, true
	}
	return coverKind{}, false
}

// drawnCover is the generated cover, or why there is none.
type drawnCover struct {
	png []byte
	err error
}

// drawCover starts drawing the cover, unless one was given, and returns
// where it will arrive. It is drawn while the print layout is made: the
// layout is shared with the PDF, and the EPUB would otherwise sit idle
// waiting for it, its 8 ms of drawing still to come.
func (b *book) drawCover() <-chan drawnCover {
	out := make(chan drawnCover, 1)
	if _, ok := givenCover(b.opt.Cover); ok {
		return out
	}
	info := b.coverInfo()
	go func() {
		data, err := cover.PNG(info)
		out <- drawnCover{data, err}
	}()
	return out
}

// coverInfo is what the generated cover says, as the PDF's cover page
// says it; the title is the book's, cleaned of what XML cannot hold.
func (b *book) coverInfo() cover.Info {
	in := cover.For(b.doc)
	in.Title = b.title
	return in
}
