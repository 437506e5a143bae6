/* The fixed data files of the fuzz targets of the carealign command's
 * loaders (fuzz_load.c, fuzz_validate.c): every file but the fuzzed one.
 * The organisations file and the first 29 people of examples/data, so that
 * the seeds' references (fuzz/corpus/load, fuzz/corpus/validate) resolve,
 * and headers alone for the other files. */
#ifndef CAREALIGN_FUZZ_TOOL_FILES_H
#define CAREALIGN_FUZZ_TOOL_FILES_H

/* examples/data/organisations.csv */
static const char fixed_organisations[] =
    "org_id,name,sector\n"
    "RA0001,Synthetic Acute Hospitals NHS Trust 1,nhs_acute\n"
    "LA0002,Synthetic City Council Adult Social Care 2,local_authority\n"
    "RC0003,Synthetic Community Health NHS Trust 3,nhs_community\n"
    "RM0004,Synthetic Mental Health NHS Trust 4,nhs_mental_health\n"
    "B80005,Synthetic Medical Practice 5,primary_care\n"
    "VI0006,Synthetic Home Care Ltd 6,independent_provider\n"
    "RA0007,Synthetic Acute Hospitals NHS Trust 7,nhs_acute\n"
    "B80008,Synthetic Medical Practice 8,primary_care\n"
    "B80009,Synthetic Medical Practice 9,primary_care\n"
    "VV0010,Synthetic Community Support Charity 10,voluntary\n"
    "VV0011,Synthetic Community Support Charity 11,voluntary\n"
    "B80012,Synthetic Medical Practice 12,primary_care\n"
    "B80013,Synthetic Medical Practice 13,primary_care\n"
    "B80014,Synthetic Medical Practice 14,primary_care\n"
    "B80015,Synthetic Medical Practice 15,primary_care\n"
    "B80016,Synthetic Medical Practice 16,primary_care\n"
    "B80017,Synthetic Medical Practice 17,primary_care\n"
    "B80018,Synthetic Medical Practice 18,primary_care\n"
    "VI0019,Synthetic Home Care Ltd 19,independent_provider\n"
    "B80020,Synthetic Medical Practice 20,primary_care\n";

/* the first 30 lines of examples/data/people.csv */
static const char fixed_people[] = "person_id,birth_year,birth_month,sex,ethnicity,imd_decile,area,"
                                   "practice,opted_out,death_date,long_term_support\n"
                                   "9990000018,1978,4,1,A,7,E08000035,B80009,1,,\n"
                                   "9990000026,1935,5,2,A,4,E08000035,B80020,0,,\n"
                                   "9990000034,1982,8,1,A,5,E08000035,B80005,0,,\n"
                                   "9990000042,1961,1,2,A,6,E08000032,B80005,0,,\n"
                                   "9990000050,1979,2,1,D,7,E08000035,B80008,0,,\n"
                                   "9990000069,1954,5,2,A,5,E08000035,B80014,0,,\n"
                                   "9990000077,1942,2,2,A,2,E08000035,B80018,0,,\n"
                                   "9990000085,1982,3,2,A,8,E08000035,B80013,0,,\n"
                                   "9990000093,1980,2,2,A,1,E08000035,B80009,0,,\n"
                                   "9990000107,1937,5,2,A,2,E08000035,B80012,0,2024-07-10,\n"
                                   "9990000115,1952,7,1,A,5,E08000035,B80013,0,,\n"
                                   "9990000123,1955,9,2,A,4,E08000035,B80020,0,,\n"
                                   "9990000131,1956,11,1,A,8,E08000035,B80015,0,2026-01-24,\n"
                                   "9990000158,1971,5,1,A,2,E08000035,B80013,0,,\n"
                                   "9990000166,1974,11,2,E,2,E08000035,B80015,0,,\n"
                                   "9990000174,1941,10,1,A,5,E08000035,B80009,0,2024-05-23,\n"
                                   "9990000182,1958,11,1,A,10,E08000035,B80009,1,,\n"
                                   "9990000190,1976,3,2,A,8,E08000036,B80012,0,,\n"
                                   "9990000204,1957,1,1,A,5,E08000035,B80012,0,,\n"
                                   "9990000212,1972,10,1,A,3,E08000035,B80020,0,,\n"
                                   "9990000220,1938,12,2,A,3,E08000032,B80014,1,,\n"
                                   "9990000239,1930,8,1,A,2,E08000035,B80014,1,2024-06-30,\n"
                                   "9990000247,1937,3,2,A,1,E08000035,B80016,0,2024-04-16,\n"
                                   "9990000255,1952,1,2,A,3,E08000035,B80015,0,,\n"
                                   "9990000263,1957,6,2,A,1,E08000035,B80015,0,,\n"
                                   "9990000271,1996,5,2,A,5,E08000035,B80017,0,,\n"
                                   "9990000298,2003,11,1,H,5,E08000035,B80020,0,,\n"
                                   "9990000301,1947,8,1,A,6,E08000035,B80015,0,,\n"
                                   "9990000328,1933,1,2,F,5,E08000035,B80005,0,,\n";

/* the header of examples/data/populations.csv */
static const char fixed_populations[] = "area,year,sex,age_lower,age_upper,count\n";

/* the header of examples/data/responses.csv */
static const char fixed_responses[] =
    "person_id,org_id,date,instrument,value_set,items,proxy,weight\n";

/* the header of examples/data/fft.csv */
static const char fixed_fft[] =
    "org_id,month,mode,very_good,good,neither,poor,very_poor,dont_know\n";

/* the header of examples/data/contacts.csv */
static const char fixed_contacts[] =
    "person_id,org_id,sector,type,start_date,end_date,start_minute,professional,subtype,admission_"
    "method,discharge_destination,discharge_ready_date,staff_minutes,activity,cost_pence\n";

#endif /* CAREALIGN_FUZZ_TOOL_FILES_H */
