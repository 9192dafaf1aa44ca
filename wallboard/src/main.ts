import { createApp } from 'vue';
import { createPinia } from 'pinia';
import App from './App.vue';
import { createAppI18n } from './i18n';
import { createAppRouter } from './router';
import './styles.css';

const pinia = createPinia();

createApp(App).use(pinia).use(createAppRouter(undefined, pinia)).use(createAppI18n()).mount('#app');
