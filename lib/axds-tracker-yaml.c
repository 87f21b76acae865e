/* axds-tracker-yaml.c — tracker files: rendering jobs as YAML and parsing them back
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/*
 * The text must be byte for byte what Python's `ProcessingTracker` writes through PyYAML (on
 * libyaml), so that both libraries can rewrite each other's files without churn. Jobs of plain
 * text are rendered directly, as libyaml would; anything else (quotes, escapes, non-ASCII, long
 * lines) goes through libyaml's emitter. Each job keeps its text, so that a write renders again
 * only the jobs that changed.
 */

#include "config.h"

#include <inttypes.h>
#include <string.h>

#include "axds-error.h"
#include "axds-i18n-private.h"
#include "axds-tracker-yaml-private.h"
#include "axds-yaml-private.h"

#define DOC_HEAD       _AXDS_TRACKER_DOC_HEAD
#define DOC_TAIL       _AXDS_TRACKER_DOC_TAIL
#define DOC_EMPTY      _AXDS_TRACKER_DOC_EMPTY
/* Plain text up to this long renders without libyaml (far below the 200-column fold). */
#define FAST_MAX_LEN   100

/* Rendering. */

typedef enum
{
  FAST_NO,       /* needs libyaml: escapes, non-ASCII, line breaks, long text */
  FAST_PLAIN,
  FAST_SINGLE,   /* in single quotes, ' doubled */
} FastStyle;

static gboolean
blank_or_end (const char *s,
              gsize       len,
              gsize       i)
{
  return i >= len || s[i] == ' ';
}

/* The style libyaml's emitter picks for @s as a block mapping value (or simple key), for text
 * simple enough to decide here: printable ASCII up to FAST_MAX_LEN bytes, so nothing is escaped
 * and no line reaches the 200-column fold. The rules are those of yaml_emitter_analyze_scalar()
 * and yaml_emitter_select_scalar_style() for that case; anything else returns FAST_NO. */
static FastStyle
fast_style (const char *s,
            gsize       len)
{
  gboolean indicators = FALSE;

  if (len == 0)
    return FAST_SINGLE;   /* '' : plain "" would read back as null */
  if (len > FAST_MAX_LEN)
    return FAST_NO;
  for (gsize i = 0; i < len; i++)
    if ((guchar) s[i] < 0x20 || (guchar) s[i] > 0x7e)
      return FAST_NO;

  if (len >= 3 && (strncmp (s, "---", 3) == 0 || strncmp (s, "...", 3) == 0))
    indicators = TRUE;
  else if (strchr ("#,[]{}&*!|>'\"%@`", s[0]) != NULL)
    indicators = TRUE;
  else if ((s[0] == '?' || s[0] == ':' || s[0] == '-') && blank_or_end (s, len, 1))
    indicators = TRUE;
  for (gsize i = 1; i < len && !indicators; i++)
    if ((s[i] == ':' && blank_or_end (s, len, i + 1)) || (s[i] == '#' && s[i - 1] == ' '))
      indicators = TRUE;

  if (indicators || s[0] == ' ' || s[len - 1] == ' ' ||
      _axds_yaml_resolve_plain (s, len) != AXDS_YAML_KIND_STR)
    return FAST_SINGLE;
  return FAST_PLAIN;
}

static void
append_fast_text (GString    *out,
                  const char *s,
                  gsize       len)
{
  if (fast_style (s, len) == FAST_PLAIN)
    {
      g_string_append_len (out, s, (gssize) len);
      return;
    }
  g_string_append_c (out, '\'');
  for (gsize i = 0; i < len; i++)
    {
      if (s[i] == '\'')
        g_string_append_c (out, '\'');
      g_string_append_c (out, s[i]);
    }
  g_string_append_c (out, '\'');
}

static gboolean
fast_ok (const char *s)
{
  return s == NULL || fast_style (s, strlen (s)) != FAST_NO;
}

static void
append_opt_text (GString    *out,
                 const char *s)
{
  if (s == NULL)
    g_string_append (out, "null");
  else
    append_fast_text (out, s, strlen (s));
}

static void
append_opt_uint (GString *out,
                 gboolean has,
                 guint64  value)
{
  char digits[24];
  gsize n = sizeof digits;

  if (!has)
    {
      g_string_append (out, "null");
      return;
    }
  /* printf() is the costliest part of rendering a job: write the digits directly. */
  do
    {
      digits[--n] = (char) ('0' + value % 10);
      value /= 10;
    }
  while (value != 0);
  g_string_append_len (out, digits + n, (gssize) (sizeof digits - n));
}

static gboolean
emit_opt_str (AxdsYamlWriter  *w,
              const char      *value,
              GError         **error)
{
  return value ? _axds_yaml_write_str (w, value, error)
               : _axds_yaml_write_plain (w, "null", error);
}

static gboolean
emit_opt_uint (AxdsYamlWriter  *w,
               gboolean         has,
               guint64          value,
               GError         **error)
{
  return has ? _axds_yaml_write_uint64 (w, value, error)
             : _axds_yaml_write_plain (w, "null", error);
}

static gboolean
emit_record (AxdsYamlWriter       *w,
             const AxdsJobRecord  *r,
             GError              **error)
{
  return _axds_yaml_write_str (w, r->id, error) &&
         _axds_yaml_write_mapping (w, TRUE, error) &&
         _axds_yaml_write_str (w, "job_name", error) &&
         _axds_yaml_write_str (w, r->job_name, error) &&
         _axds_yaml_write_str (w, "specifier", error) &&
         _axds_yaml_write_str (w, r->specifier, error) &&
         _axds_yaml_write_str (w, "status", error) &&
         _axds_yaml_write_uint64 (w, (guint64) r->status, error) &&
         _axds_yaml_write_str (w, "executor_id", error) &&
         emit_opt_str (w, r->executor_id, error) &&
         _axds_yaml_write_str (w, "error_message", error) &&
         emit_opt_str (w, r->error_message, error) &&
         _axds_yaml_write_str (w, "started_at", error) &&
         emit_opt_uint (w, r->has_started_at, r->started_at, error) &&
         _axds_yaml_write_str (w, "completed_at", error) &&
         emit_opt_uint (w, r->has_completed_at, r->completed_at, error) &&
         _axds_yaml_write_mapping (w, FALSE, error);
}

/**
 * _axds_job_record_render_slow:
 *
 * Renders the job through libyaml's emitter: a document holding only this job, from which the
 * job's lines are cut. The emitter's choices for a job depend on nothing outside it, so the
 * lines are the ones a document of many jobs would hold.
 */
gboolean
_axds_job_record_render_slow (AxdsJobRecord  *record,
                              GString        *out,
                              GError        **error)
{
  g_autoptr(GString) doc = g_string_sized_new (512);
  AxdsYamlWriter w;
  gboolean ok;

  ok = _axds_yaml_writer_begin (&w, doc, "tracker", error) &&
       _axds_yaml_write_mapping (&w, TRUE, error) &&
       _axds_yaml_write_str (&w, "jobs", error) &&
       _axds_yaml_write_mapping (&w, TRUE, error) &&
       emit_record (&w, record, error) &&
       _axds_yaml_write_mapping (&w, FALSE, error) &&
       _axds_yaml_write_mapping (&w, FALSE, error) &&
       _axds_yaml_writer_end (&w, error);
  _axds_yaml_writer_clear (&w);
  if (!ok)
    return FALSE;
  g_assert (g_str_has_prefix (doc->str, DOC_HEAD) && g_str_has_suffix (doc->str, DOC_TAIL));
  g_string_append_len (out, doc->str + strlen (DOC_HEAD),
                       (gssize) (doc->len - strlen (DOC_HEAD) - strlen (DOC_TAIL)));
  return TRUE;
}

gboolean
_axds_job_record_render (AxdsJobRecord  *r,
                         GError        **error)
{
  GString *out;

  if (r->chunk != NULL)
    return TRUE;

  out = g_string_sized_new (256);
  /* The ID is a simple key: never empty here, as an empty key would be quoted differently. */
  if (*r->id != '\0' && fast_ok (r->id) && fast_ok (r->job_name) && fast_ok (r->specifier) &&
      fast_ok (r->executor_id) && fast_ok (r->error_message))
    {
      g_string_append (out, "  ");
      append_fast_text (out, r->id, strlen (r->id));
      g_string_append (out, ":\n    job_name: ");
      append_fast_text (out, r->job_name, strlen (r->job_name));
      g_string_append (out, "\n    specifier: ");
      append_fast_text (out, r->specifier, strlen (r->specifier));
      g_string_append (out, "\n    status: ");
      g_string_append_c (out, (char) ('0' + (int) r->status));
      g_string_append (out, "\n    executor_id: ");
      append_opt_text (out, r->executor_id);
      g_string_append (out, "\n    error_message: ");
      append_opt_text (out, r->error_message);
      g_string_append (out, "\n    started_at: ");
      append_opt_uint (out, r->has_started_at, r->started_at);
      g_string_append (out, "\n    completed_at: ");
      append_opt_uint (out, r->has_completed_at, r->completed_at);
      g_string_append_c (out, '\n');
    }
  else if (!_axds_job_record_render_slow (r, out, error))
    {
      g_string_free (out, TRUE);
      return FALSE;
    }
  r->chunk_len = out->len;
  r->chunk = g_string_free (out, FALSE);
  return TRUE;
}

/* Parsing. */

typedef struct
{
  AxdsYamlReader reader;
  const char    *display_name;
} ParseState;

static gboolean
expect_scalar_text (ParseState    *st,
                    yaml_event_t  *ev,
                    const char    *field,
                    gboolean       nullable,
                    char         **out,
                    GError       **error)
{
  AxdsYamlKind kind;

  if (ev->type != YAML_SCALAR_EVENT)
    {
      _axds_yaml_set_error_at (error, AXDS_ERROR_WRONG_TYPE, st->display_name, &ev->start_mark,
                               _("field '%s' expects a string"), field);
      return FALSE;
    }
  kind = _axds_yaml_scalar_kind (ev, NULL);
  g_clear_pointer (out, g_free);
  if (kind == AXDS_YAML_KIND_NULL)
    {
      if (nullable)
        return TRUE;
      _axds_yaml_set_error_at (error, AXDS_ERROR_WRONG_TYPE, st->display_name, &ev->start_mark,
                               _("field '%s' expects a string, found null"), field);
      return FALSE;
    }
  /* A plain 123 reads as an integer in Python; a string field keeps its text. */
  *out = g_strndup ((const char *) ev->data.scalar.value, ev->data.scalar.length);
  return TRUE;
}

static gboolean
expect_uint (ParseState    *st,
             yaml_event_t  *ev,
             const char    *field,
             gboolean       nullable,
             gboolean      *has,
             guint64       *value,
             guint64        max,
             GError       **error)
{
  AxdsYamlKind kind;
  gboolean negative;
  guint64 magnitude;

  if (ev->type != YAML_SCALAR_EVENT)
    goto wrong;
  kind = _axds_yaml_scalar_kind (ev, NULL);
  if (kind == AXDS_YAML_KIND_NULL && nullable)
    {
      *has = FALSE;
      *value = 0;
      return TRUE;
    }
  if (kind != AXDS_YAML_KIND_INT)
    goto wrong;
  if (!_axds_yaml_parse_int ((const char *) ev->data.scalar.value, &negative, &magnitude) ||
      (negative && magnitude != 0) || magnitude > max)
    {
      _axds_yaml_set_error_at (error, AXDS_ERROR_WRONG_TYPE, st->display_name, &ev->start_mark,
                               _("field '%s': %s is out of range [0, %" PRIu64 "]"),
                               field, (const char *) ev->data.scalar.value, max);
      return FALSE;
    }
  *has = TRUE;
  *value = magnitude;
  return TRUE;

wrong:
  _axds_yaml_set_error_at (error, AXDS_ERROR_WRONG_TYPE, st->display_name, &ev->start_mark,
                           nullable ? _("field '%s' expects an integer or null")
                                    : _("field '%s' expects an integer"), field);
  return FALSE;
}

static AxdsJobRecord *
parse_job (ParseState    *st,
           yaml_event_t  *key_event,
           GError       **error)
{
  AxdsJobRecord *r = g_new0 (AxdsJobRecord, 1);
  yaml_event_t ev, val;
  yaml_mark_t start = key_event->start_mark;
  gboolean has_name = FALSE;

  r->id = g_strndup ((const char *) key_event->data.scalar.value, key_event->data.scalar.length);
  r->specifier = g_strdup ("");

  if (!_axds_yaml_reader_next (&st->reader, &ev, error))
    goto fail;
  if (ev.type != YAML_MAPPING_START_EVENT)
    {
      _axds_yaml_set_error_at (error, AXDS_ERROR_WRONG_TYPE, st->display_name, &ev.start_mark,
                               _("job '%s' is not a mapping"), r->id);
      yaml_event_delete (&ev);
      goto fail;
    }
  yaml_event_delete (&ev);

  for (;;)
    {
      const char *key;
      gboolean ok = TRUE, has = FALSE;
      guint64 value = 0;

      if (!_axds_yaml_reader_next (&st->reader, &ev, error))
        goto fail;
      if (ev.type == YAML_MAPPING_END_EVENT)
        {
          yaml_event_delete (&ev);
          break;
        }
      if (ev.type != YAML_SCALAR_EVENT)
        {
          _axds_yaml_set_error_at (error, AXDS_ERROR_PARSE, st->display_name, &ev.start_mark,
                                   _("job '%s' has a key that is not a string"), r->id);
          yaml_event_delete (&ev);
          goto fail;
        }
      if (!_axds_yaml_reader_next (&st->reader, &val, error))
        {
          yaml_event_delete (&ev);
          goto fail;
        }
      key = (const char *) ev.data.scalar.value;
      if (strcmp (key, "job_name") == 0)
        ok = has_name = expect_scalar_text (st, &val, key, FALSE, &r->job_name, error);
      else if (strcmp (key, "specifier") == 0)
        ok = expect_scalar_text (st, &val, key, FALSE, &r->specifier, error);
      else if (strcmp (key, "executor_id") == 0)
        ok = expect_scalar_text (st, &val, key, TRUE, &r->executor_id, error);
      else if (strcmp (key, "error_message") == 0)
        ok = expect_scalar_text (st, &val, key, TRUE, &r->error_message, error);
      else if (strcmp (key, "status") == 0)
        {
          ok = expect_uint (st, &val, key, FALSE, &has, &value, AXDS_PROCESSING_STATUS_COUNT - 1,
                            error);
          r->status = (AxdsProcessingStatus) value;
        }
      else if (strcmp (key, "started_at") == 0)
        ok = expect_uint (st, &val, key, TRUE, &r->has_started_at, &r->started_at, G_MAXUINT64,
                          error);
      else if (strcmp (key, "completed_at") == 0)
        ok = expect_uint (st, &val, key, TRUE, &r->has_completed_at, &r->completed_at,
                          G_MAXUINT64, error);
      else
        ok = _axds_yaml_reader_skip (&st->reader, &val, error);   /* unknown: ignored */
      yaml_event_delete (&ev);
      yaml_event_delete (&val);
      if (!ok)
        goto fail;
    }

  if (!has_name)
    {
      _axds_yaml_set_error_at (error, AXDS_ERROR_MISSING_FIELD, st->display_name, &start,
                               _("job '%s' has no 'job_name'"), r->id);
      goto fail;
    }
  return r;

fail:
  _axds_job_record_free (r);
  return NULL;
}

/**
 * _axds_tracker_parse:
 *
 * Reads a tracker document. Anything but a complete one is refused: an empty file, bad YAML, a
 * top level that is not a mapping, and a document without its closing `...` (which both the
 * Python library and libaxds always write), so that a truncated file is reported rather than
 * read as fewer jobs and written back.
 */
GPtrArray *
_axds_tracker_parse (const char  *data,
                     gsize        length,
                     const char  *display_name,
                     GError     **error)
{
  g_autoptr(GPtrArray) records =
    g_ptr_array_new_with_free_func ((GDestroyNotify) _axds_job_record_free);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  ParseState st;
  yaml_event_t ev;
  gboolean ok = FALSE;

  st.display_name = display_name;
  _axds_yaml_reader_init (&st.reader, data, length, display_name);

  if (!_axds_yaml_reader_next (&st.reader, &ev, error))   /* stream start */
    goto out;
  yaml_event_delete (&ev);
  if (!_axds_yaml_reader_next (&st.reader, &ev, error))
    goto out;
  if (ev.type == YAML_STREAM_END_EVENT)
    {
      yaml_event_delete (&ev);
      g_set_error (error, AXDS_ERROR, AXDS_ERROR_PARSE,
                   _("%s: the tracker file is empty (no YAML document)"), display_name);
      goto out;
    }
  yaml_event_delete (&ev);
  if (!_axds_yaml_reader_next (&st.reader, &ev, error))
    goto out;
  if (ev.type != YAML_MAPPING_START_EVENT)
    {
      _axds_yaml_set_error_at (error, AXDS_ERROR_PARSE, display_name, &ev.start_mark,
                               _("the top level of the tracker file is not a mapping"));
      yaml_event_delete (&ev);
      goto out;
    }
  yaml_event_delete (&ev);

  for (;;)
    {
      yaml_event_t val;
      gboolean is_jobs;

      if (!_axds_yaml_reader_next (&st.reader, &ev, error))
        goto out;
      if (ev.type == YAML_MAPPING_END_EVENT)
        {
          yaml_event_delete (&ev);
          break;
        }
      is_jobs = ev.type == YAML_SCALAR_EVENT &&
                strcmp ((const char *) ev.data.scalar.value, "jobs") == 0;
      if (ev.type != YAML_SCALAR_EVENT && !_axds_yaml_reader_skip (&st.reader, &ev, error))
        {
          yaml_event_delete (&ev);
          goto out;
        }
      yaml_event_delete (&ev);
      if (!_axds_yaml_reader_next (&st.reader, &val, error))
        goto out;
      if (!is_jobs)
        {
          gboolean skipped = _axds_yaml_reader_skip (&st.reader, &val, error);
          yaml_event_delete (&val);
          if (!skipped)
            goto out;
          continue;
        }
      if (val.type != YAML_MAPPING_START_EVENT)
        {
          _axds_yaml_set_error_at (error, AXDS_ERROR_WRONG_TYPE, display_name, &val.start_mark,
                                   _("'jobs' is not a mapping"));
          yaml_event_delete (&val);
          goto out;
        }
      yaml_event_delete (&val);
      /* A second 'jobs' key replaces the first, as in a Python dict. */
      g_ptr_array_set_size (records, 0);
      g_hash_table_remove_all (seen);

      for (;;)
        {
          AxdsJobRecord *record, *old;

          if (!_axds_yaml_reader_next (&st.reader, &ev, error))
            goto out;
          if (ev.type == YAML_MAPPING_END_EVENT)
            {
              yaml_event_delete (&ev);
              break;
            }
          if (ev.type != YAML_SCALAR_EVENT)
            {
              _axds_yaml_set_error_at (error, AXDS_ERROR_PARSE, display_name, &ev.start_mark,
                                       _("a job ID is not a string"));
              yaml_event_delete (&ev);
              goto out;
            }
          record = parse_job (&st, &ev, error);
          yaml_event_delete (&ev);
          if (record == NULL)
            goto out;
          /* A repeated ID keeps its first place and takes the later value, as a dict would. */
          old = g_hash_table_lookup (seen, record->id);
          if (old != NULL)
            {
              guint pos = 0;

              g_ptr_array_find (records, old, &pos);
              g_hash_table_replace (seen, record->id, record);
              g_ptr_array_index (records, pos) = record;
              _axds_job_record_free (old);
            }
          else
            {
              g_hash_table_insert (seen, record->id, record);
              g_ptr_array_add (records, record);
            }
        }
    }

  if (!_axds_yaml_reader_next (&st.reader, &ev, error))
    goto out;
  if (ev.type != YAML_DOCUMENT_END_EVENT || ev.data.document_end.implicit)
    {
      _axds_yaml_set_error_at (error, AXDS_ERROR_PARSE, display_name, &ev.start_mark,
                               _("the tracker file does not end with '...': it is truncated or "
                                 "was not written by a tracker"));
      yaml_event_delete (&ev);
      goto out;
    }
  yaml_event_delete (&ev);
  if (!_axds_yaml_reader_next (&st.reader, &ev, error))
    goto out;
  if (ev.type != YAML_STREAM_END_EVENT)
    {
      _axds_yaml_set_error_at (error, AXDS_ERROR_PARSE, display_name, &ev.start_mark,
                               _("expected a single document, found another"));
      yaml_event_delete (&ev);
      goto out;
    }
  yaml_event_delete (&ev);
  ok = TRUE;

out:
  _axds_yaml_reader_clear (&st.reader);
  return ok ? g_steal_pointer (&records) : NULL;
}

/**
 * _axds_tracker_render_document:
 * @records: (element-type AxdsJobRecord): jobs
 * @slow: render every job through libyaml, ignoring cached text (for tests)
 * @out: where the document is appended
 *
 * The whole tracker document, as the Python library writes it.
 */
gboolean
_axds_tracker_render_document (GPtrArray  *records,
                               gboolean    slow,
                               GString    *out,
                               GError    **error)
{
  if (records->len == 0)
    {
      g_string_append (out, DOC_EMPTY);
      return TRUE;
    }
  g_string_append (out, DOC_HEAD);
  for (guint i = 0; i < records->len; i++)
    {
      AxdsJobRecord *r = g_ptr_array_index (records, i);

      if (slow)
        {
          if (!_axds_job_record_render_slow (r, out, error))
            return FALSE;
          continue;
        }
      if (!_axds_job_record_render (r, error))
        return FALSE;
      g_string_append_len (out, r->chunk, (gssize) r->chunk_len);
    }
  g_string_append (out, DOC_TAIL);
  return TRUE;
}
