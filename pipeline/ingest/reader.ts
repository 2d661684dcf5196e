// The DuckDB table function that reads an input or export file, by extension (every value as text for
// CSV); the path is bound as `$path`, never spliced into SQL.
import { extname } from 'node:path';

export function readerSql(file: string): string {
  switch (extname(file).toLowerCase()) {
    case '.csv':
      return 'read_csv($path, all_varchar = true, header = true, auto_detect = true)';
    case '.parquet':
      return 'read_parquet($path)';
    default:
      return 'read_json($path)';
  }
}
