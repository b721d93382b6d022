package read

import "github.com/offprint/offprint/render/read/images"

// ImageOptions are the options a reader passes to images.Load: the
// caller's limits, resolved against the input's folder, fetching only
// when the user allowed it.
func (o Options) ImageOptions() images.Options {
	io := o.Images
	io.Dir = o.Dir
	io.Fetch = o.FetchImages
	return io
}
