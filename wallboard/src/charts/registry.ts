/**
 * The ECharts parts the option builders in this folder use, registered once
 * (import this module before rendering a chart). `echarts/core` plus these is
 * about half the bundle of `import 'echarts'`. Both renderers: canvas for
 * screens, SVG for happy-dom tests, which have no canvas.
 */
import { use } from 'echarts/core';
import { BarChart, CustomChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer, SVGRenderer } from 'echarts/renderers';

use([BarChart, CustomChart, LineChart, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, CanvasRenderer, SVGRenderer]);
