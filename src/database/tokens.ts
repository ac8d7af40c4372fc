/** The background jobs' own small pool (a DataSource): a long run of jobs never takes the requests' connections. */
export const JOBS_DATA_SOURCE = 'JOBS_DATA_SOURCE';
