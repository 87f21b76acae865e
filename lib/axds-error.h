/* axds-error.h — the error domain of libaxds
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(AXDS_INSIDE) && !defined(AXDS_COMPILATION)
# error "Only <axds.h> can be included directly."
#endif

#include "axds-version.h"

G_BEGIN_DECLS

/**
 * AXDS_ERROR:
 *
 * The error domain of libaxds; its codes are #AxdsError.
 */
#define AXDS_ERROR (axds_error_quark ())

/**
 * AxdsError:
 * @AXDS_ERROR_INVALID_ARGUMENT: a name, dtype, shape, index or value given by the caller is invalid
 * @AXDS_ERROR_NOT_CONNECTED: the handle is not connected to its buffer (Python's ConnectionError)
 * @AXDS_ERROR_CORRUPT: a segment or file does not hold what it claims (bad magic, truncated, foreign)
 * @AXDS_ERROR_VERSION: a header was written by a newer, incompatible version
 * @AXDS_ERROR_NOT_OWNER: only the creator may do this (e.g. destroy without force)
 * @AXDS_ERROR_TIMEOUT: a lock or resource was not available in time
 * @AXDS_ERROR_BUSY: a lock-free read kept racing a writer that did not finish
 * @AXDS_ERROR_NOT_SUPPORTED: the operation does not apply to this object (e.g. locking a raw buffer)
 * @AXDS_ERROR_OUT_OF_RANGE: an index or slice lies outside the array
 * @AXDS_ERROR_PARSE: a document is not well-formed (YAML syntax, empty, truncated, not a mapping at
 *   the top level, aliases or unknown tags); the message gives the file, line and column
 * @AXDS_ERROR_MISSING_FIELD: a required field is missing from a document
 * @AXDS_ERROR_WRONG_TYPE: a field of a document holds a value of the wrong type or out of range
 * @AXDS_ERROR_NOT_FOUND: a named item (e.g. a job ID in a tracker) does not exist, or a folder
 *   holds none of what the operation works on (log entries to assemble)
 * @AXDS_ERROR_PROCESS_FAILED: a helper process (the data logger) died or could not do its
 *   work (e.g. messages it failed to write)
 * @AXDS_ERROR_REFUSED: the operation would destroy what it must never touch (deleting `/`,
 *   the home folder or a folder that holds the current working directory); nothing was done
 *
 * Error codes of the %AXDS_ERROR domain. Operating-system failures are reported in %G_IO_ERROR
 * from the saved errno instead.
 */
typedef enum
{
  AXDS_ERROR_INVALID_ARGUMENT = 1,
  AXDS_ERROR_NOT_CONNECTED,
  AXDS_ERROR_CORRUPT,
  AXDS_ERROR_VERSION,
  AXDS_ERROR_NOT_OWNER,
  AXDS_ERROR_TIMEOUT,
  AXDS_ERROR_BUSY,
  AXDS_ERROR_NOT_SUPPORTED,
  AXDS_ERROR_OUT_OF_RANGE,
  AXDS_ERROR_PARSE,
  AXDS_ERROR_MISSING_FIELD,
  AXDS_ERROR_WRONG_TYPE,
  AXDS_ERROR_NOT_FOUND,
  AXDS_ERROR_PROCESS_FAILED,
  AXDS_ERROR_REFUSED,
} AxdsError;

AXDS_AVAILABLE_IN_ALL
GQuark axds_error_quark (void);

G_END_DECLS
