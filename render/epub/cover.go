package epub

import (
	"bytes"

	"github.com/offprint/offprint/render/cover"
)

// coverItem is the book's cover image: the one the user gave, else one
// drawn from the title, byline and site or date. It is a manifest item
// with the cover-image property only, not a page in the spine: a cover
// page would put the title in the reading order twice.
func (b *book) coverItem() (item, bool) {
	it := item{id: "cover", props: "cover-image"}
	if data := b.opt.Cover; len(data) > 0 {
		switch {
		case bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")):
			it.href, it.mediaType, it.data = "images/cover.png", "image/png", data
			return it, true
		case bytes.HasPrefix(data, []byte("\xff\xd8\xff")):
			it.href, it.mediaType, it.data = "images/cover.jpg", "image/jpeg", data
			return it, true
		}
		b.opt.Warnf("image", "epub: the cover is neither PNG nor JPEG; drew one instead")
	}
	data, err := cover.PNG(b.coverInfo())
	if err != nil {
		b.opt.Warnf("image", "epub: no cover: %v", err)
		return item{}, false
	}
	it.href, it.mediaType, it.data = "images/cover.png", "image/png", data
	return it, true
}

// coverInfo is what the generated cover says, as the PDF's cover page
// says it; the title is the book's, cleaned of what XML cannot hold.
func (b *book) coverInfo() cover.Info {
	in := cover.For(b.doc)
	in.Title = b.title
	return in
}
