/**
 * @file version.h
 * @brief The version of the carealign headers, generated from the build.
 *
 * Compare #CAREALIGN_VERSION_NUMBER with carealign_version() at run time to
 * check that the library loaded is at least as new as these headers.
 */
#ifndef CAREALIGN_VERSION_H
#define CAREALIGN_VERSION_H

/** @brief Major version: incompatible API changes. */
#define CAREALIGN_VERSION_MAJOR 1
/** @brief Minor version: compatible additions. */
#define CAREALIGN_VERSION_MINOR 0
/** @brief Patch version: fixes. */
#define CAREALIGN_VERSION_PATCH 0
/** @brief The version as text. */
#define CAREALIGN_VERSION_STRING "1.0.0"
/** @brief The version as one number: major * 10000 + minor * 100 + patch. */
#define CAREALIGN_VERSION_NUMBER                                                                   \
    (CAREALIGN_VERSION_MAJOR * 10000 + CAREALIGN_VERSION_MINOR * 100 + CAREALIGN_VERSION_PATCH)
/** @brief The ABI generation: the shared library's SONAME number. */
#define CAREALIGN_SOVERSION 1
/** @brief The methods version these headers were built with. */
#define CAREALIGN_METHODS_VERSION 3

#endif /* CAREALIGN_VERSION_H */
