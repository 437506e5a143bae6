/**
 * @file carealign.h
 * @brief The umbrella header: includes every public carealign header.
 */
#ifndef CAREALIGN_CAREALIGN_H
#define CAREALIGN_CAREALIGN_H

#include "carealign/version.h"
#include "carealign/common.h"
#include "carealign/instruments.h"
#include "carealign/stats.h"
#include "carealign/accum.h"
#include "carealign/journey.h"
#include "carealign/framework.h"
#include "carealign/scorecard.h"

#endif /* CAREALIGN_CAREALIGN_H */
