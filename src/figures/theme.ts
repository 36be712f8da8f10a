// TEMPORARY STUB (replaced by the figures module)
export interface ChartTheme {
  fontFamily: string;
  fontFiles: { regular: string; semibold: string };
  fontSize: number;
  textColor: string;
  gridColor: string;
  palette: string[];
  width: number;
  height: number;
}
