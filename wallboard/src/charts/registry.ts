/**
 * The ECharts parts the option builders in this folder use, registered once
 * (import this module before rendering a chart). `echarts/core` plus these is
 * about half the bundle of `import 'echarts'`. Both renderers: canvas for
 * screens, SVG for happy-dom tests, which have no canvas.
 */
import { use } from 'echarts/core';
import { BarChart, CustomChart, HeatmapChart, LineChart } from 'echarts/charts';
import {
  DataZoomComponent,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TooltipComponent,
  VisualMapComponent,
} from 'echarts/components';
import { CanvasRenderer, SVGRenderer } from 'echarts/renderers';

use([
  BarChart,
  CustomChart,
  HeatmapChart,
  LineChart,
  DataZoomComponent,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TooltipComponent,
  VisualMapComponent,
  CanvasRenderer,
  SVGRenderer,
]);
