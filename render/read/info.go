package read

import (
	"fmt"

	"github.com/offprint/offprint/render"
)

// Infof explains something a reader dropped or chose on purpose (see
// render.Info); the CLI shows it with --verbose.
func (o Options) Infof(format string, args ...any) {
	if o.Warn != nil {
		o.Warn(render.Warning{Code: render.Info, Message: fmt.Sprintf(format, args...)})
	}
}
