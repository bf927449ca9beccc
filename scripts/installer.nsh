; electron-builder NSIS include (electron-builder.yml nsis.include).
; Launch at login is a value in HKCU\...\Run named after the AppUserModelID (app.setLoginItemSettings:
; https://www.electronjs.org/docs/latest/api/app#appsetloginitemsettingssettings-macos-windows), and the
; StartupApproved entry Windows keeps beside it. Uninstalling removes both, or Windows would keep trying
; to start a program that is gone.
!macro customUnInstall
  DeleteRegValue HKCU "Software\Microsoft\Windows\CurrentVersion\Run" "dev.cliproxy.desktop"
  DeleteRegValue HKCU "Software\Microsoft\Windows\CurrentVersion\Explorer\StartupApproved\Run" "dev.cliproxy.desktop"
!macroend
