import { bootstrapApplication } from '@angular/platform-browser';
import { SettingsComponent } from './settings.component';

void bootstrapApplication(SettingsComponent);
