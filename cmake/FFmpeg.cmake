# FFmpeg through pkg-config, as one imported target FFmpeg::FFmpeg.
find_package(PkgConfig REQUIRED)
pkg_check_modules(FFMPEG REQUIRED IMPORTED_TARGET GLOBAL
                  libavformat libavcodec libswscale libavutil)
if(NOT TARGET FFmpeg::FFmpeg)
  add_library(FFmpeg::FFmpeg ALIAS PkgConfig::FFMPEG)
endif()
find_program(FFMPEG_EXECUTABLE ffmpeg REQUIRED)
find_program(FFPROBE_EXECUTABLE ffprobe REQUIRED)
